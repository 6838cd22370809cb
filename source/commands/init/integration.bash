# mcp-terminal (bash): add to ~/.bashrc:  eval "$(mcp-terminal init bash)"
if [[ $- == *i* && -z ${__mcp_terminal_loaded-} ]]; then
  __mcp_terminal_loaded=1
  export MCP_TERMINAL_SESSION="${MCP_TERMINAL_SESSION:-bash-$$-$RANDOM$RANDOM}"
  # The hook reads each command back from bash's history. HISTCONTROL (ignoredups,
  # ignorespace, ignoreboth) and HISTIGNORE would keep some commands out of it, so the
  # hook takes them over (bash 4.4+, which has PS0): bash puts every line in the history,
  # and the hook, once it has read it, deletes the entries the person's settings leave out
  # (a line that ran nothing, such as a comment, included). Their history ends up as their
  # settings say; every command is seen.
  __mcp_terminal_own=0
  if (( BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 4) )); then
    __mcp_terminal_own=1
  fi
  __mcp_terminal_histcontrol=${HISTCONTROL-} __mcp_terminal_histignore=${HISTIGNORE-}
  __mcp_terminal_set_control=$'\x01unset' __mcp_terminal_set_ignore=$'\x01unset'
  # The working values carry a mark no person writes (a word bash ignores in HISTCONTROL, a
  # pattern no typed line matches in HISTIGNORE), so any value the person sets, an empty one
  # included, differs from them and is taken as theirs.
  __mcp_terminal_mark_control=mcp-terminal __mcp_terminal_mark_ignore=$'\x01mcp-terminal'
  # Adopts a HISTCONTROL or HISTIGNORE the person set since the last prompt (without the
  # hook's mark, if they added to the working value), then sets the values the hook works
  # with: the person's HISTCONTROL minus the ignore* words, and no HISTIGNORE.
  __mcp_terminal_take_settings() {
    local word kept='' words
    if [[ ${HISTCONTROL-} != "$__mcp_terminal_set_control" ]]; then
      IFS=: read -r -a words <<<"${HISTCONTROL-}"
      for word in "${words[@]}"; do
        [[ $word == "$__mcp_terminal_mark_control" ]] || kept+=${kept:+:}$word
      done
      __mcp_terminal_histcontrol=$kept kept=''
    fi
    if [[ ${HISTIGNORE-} != "$__mcp_terminal_set_ignore" ]]; then
      __mcp_terminal_histignore=${HISTIGNORE-}
      __mcp_terminal_histignore=${__mcp_terminal_histignore//$__mcp_terminal_mark_ignore:/}
      __mcp_terminal_histignore=${__mcp_terminal_histignore//$__mcp_terminal_mark_ignore/}
    fi
    IFS=: read -r -a words <<<"$__mcp_terminal_histcontrol"
    for word in "${words[@]}"; do
      case $word in ignorespace | ignoredups | ignoreboth) ;; *) kept+=$word: ;; esac
    done
    HISTCONTROL=$kept$__mcp_terminal_mark_control HISTIGNORE=$__mcp_terminal_mark_ignore
    __mcp_terminal_set_control=$HISTCONTROL __mcp_terminal_set_ignore=$HISTIGNORE
  }
  # Whether the person's settings keep LINE (just read as entry NUMBER) out of the history;
  # PREVIOUS is the entry before it.
  __mcp_terminal_left_out() {
    local line=$1 previous=$2 pattern patterns
    case :$__mcp_terminal_histcontrol: in
      *:ignorespace:* | *:ignoreboth:*) [[ $line == ' '* ]] && return 0 ;;
    esac
    case :$__mcp_terminal_histcontrol: in
      *:ignoredups:* | *:ignoreboth:*) [[ $line == "$previous" ]] && return 0 ;;
    esac
    [[ -n $__mcp_terminal_histignore ]] || return 1
    # HISTIGNORE: colon-separated patterns (\: is a literal colon); & is the previous entry.
    IFS=: read -r -a patterns <<<"${__mcp_terminal_histignore//\\:/$'\x02'}"
    for pattern in "${patterns[@]}"; do
      pattern=${pattern//$'\x02'/:}
      if [[ $pattern == '&' ]]; then
        [[ $line == "$previous" ]] && return 0
      elif [[ $line == $pattern ]]; then # unquoted: a pattern, as bash matches it
        return 0
      fi
    done
    return 1
  }
  # The newest two history entries. History prints "%5d%c %s%s": the number, `*` for an
  # edited entry, the time as HISTTIMEFORMAT says, the text. A \x01 time format marks where
  # each entry starts, so a multi-line command is read whole ("??" is an entry read from a
  # history file without times).
  __mcp_terminal_read_history() {
    local out re_two=$'^ *[0-9]+[* ] (\x01|\\?\\?)(.*)\n *([0-9]+)[* ] (\x01|\\?\\?)(.*)$' \
      re_one=$'^ *([0-9]+)[* ] (\x01|\\?\\?)(.*)$'
    out=$(HISTTIMEFORMAT=$'\x01' builtin history 2)
    __mcp_terminal_number='' __mcp_terminal_line='' __mcp_terminal_previous=''
    if [[ $out =~ $re_two ]]; then
      __mcp_terminal_previous=${BASH_REMATCH[2]}
      __mcp_terminal_number=${BASH_REMATCH[3]} __mcp_terminal_line=${BASH_REMATCH[5]}
    elif [[ $out =~ $re_one ]]; then
      __mcp_terminal_number=${BASH_REMATCH[1]} __mcp_terminal_line=${BASH_REMATCH[3]}
    fi
  }
  __mcp_terminal_read_history
  __mcp_terminal_seen=${__mcp_terminal_number:-0}
  __mcp_terminal_told=''
  # Whether the program is on PATH; says once per shell when it is not (an alias is not
  # enough: the hook runs in the background, where aliases do not exist).
  __mcp_terminal_found() {
    command -v mcp-terminal >/dev/null 2>&1 && return 0
    if [[ -z $__mcp_terminal_told ]]; then
      __mcp_terminal_told=1
      printf '%s\n' "mcp-terminal: not on PATH, so this shell's commands are not recorded;" \
        "  install it with npm install -g (or npm link in a clone); recording starts once it is" >&2
    fi
    return 1
  }
  # PS0 is expanded just before a command runs (never for an empty line): its arithmetic
  # subscripts mark that a command ran and stamp its start (microseconds from
  # EPOCHREALTIME, bash 5) without a subshell or a DEBUG trap.
  __mcp_terminal_t0=0 __mcp_terminal_ran=0
  __mcp_terminal_ps0_ran='${__mcp_terminal_stamp[__mcp_terminal_ran=1]-}'
  __mcp_terminal_ps0_t0='${__mcp_terminal_stamp[__mcp_terminal_t0=${EPOCHREALTIME/[.,]/}]-}'
  # Appends the hook's part to PS0 again when something (a prompt theme) replaced PS0.
  __mcp_terminal_own_ps0() {
    [[ ${PS0-} == *"$__mcp_terminal_ps0_ran"* ]] && return 0
    PS0="${PS0-}$__mcp_terminal_ps0_ran"
    [[ -n ${EPOCHREALTIME-} ]] && PS0+=$__mcp_terminal_ps0_t0
    return 0
  }
  __mcp_terminal_own_ps0
  __mcp_terminal_record() {
    local status=$? duration='' started='' ran=$__mcp_terminal_ran record=0
    # The start time goes with the entry: commands typed ahead keep their order although
    # their background records may finish in any order.
    if (( __mcp_terminal_t0 > 0 )) && [[ -n ${EPOCHREALTIME-} ]]; then
      duration=$(( (${EPOCHREALTIME/[.,]/} - __mcp_terminal_t0) / 1000 ))
      started=$(( __mcp_terminal_t0 / 1000 ))
    fi
    __mcp_terminal_t0=0 __mcp_terminal_ran=0
    if (( __mcp_terminal_own )); then
      # A command ran and history is on: the newest entry is that command (every command
      # goes in while the hook holds the settings), even when erasedups gave a repeat the
      # number the last one had. A line that ran nothing (a comment) is only cleaned up.
      if [[ -o history ]]; then
        __mcp_terminal_read_history
        if [[ -n $__mcp_terminal_line ]] && { (( ran )) ||
          [[ $__mcp_terminal_number == $((__mcp_terminal_seen + 1)) ]]; }; then
          (( ran )) && record=1
          if __mcp_terminal_left_out "$__mcp_terminal_line" "$__mcp_terminal_previous"; then
            builtin history -d "$__mcp_terminal_number"
            __mcp_terminal_number=$((__mcp_terminal_number - 1))
          fi
        fi
        __mcp_terminal_seen=$__mcp_terminal_number
      fi
    else
      __mcp_terminal_read_history
      [[ -n $__mcp_terminal_number && $__mcp_terminal_number != "$__mcp_terminal_seen" &&
        -n $__mcp_terminal_line ]] && record=1
      __mcp_terminal_seen=$__mcp_terminal_number
    fi
    if (( record )) && [[ $__mcp_terminal_line != [[:space:]]* ]] && __mcp_terminal_found; then
      (command mcp-terminal record --command="$__mcp_terminal_line" --status="$status" \
        --cwd="$PWD" ${duration:+--duration="$duration"} \
        ${started:+--timestamp="$started"} --sync-if-due \
        </dev/null >/dev/null 2>&1 &)
    fi
    if (( __mcp_terminal_own )); then
      __mcp_terminal_take_settings
      __mcp_terminal_own_ps0
    fi
    # First in PROMPT_COMMAND, so a shared-history `history -a; history -n` added later in
    # the rc file runs after the hook has read (and cleaned) this shell's own command.
    if [[ ${PROMPT_COMMAND-} != __mcp_terminal_record* ]]; then
      PROMPT_COMMAND="__mcp_terminal_record;${PROMPT_COMMAND//__mcp_terminal_record;/}"
    fi
    return $status
  }
  (( __mcp_terminal_own )) && __mcp_terminal_take_settings
  PROMPT_COMMAND="__mcp_terminal_record;${PROMPT_COMMAND-}"
  __mcp_terminal_search() {
    local chosen
    __mcp_terminal_found || return 0
    chosen=$(command mcp-terminal 2>/dev/tty </dev/tty) || return 0
    if [[ -n $chosen ]]; then
      READLINE_LINE=$chosen
      READLINE_POINT=${#chosen}
    fi
  }
  bind -x '"\C-r": __mcp_terminal_search'
fi
