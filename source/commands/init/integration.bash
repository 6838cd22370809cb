# mcp-terminal (bash): add to ~/.bashrc:  eval "$(mcp-terminal init bash)"
if [[ $- == *i* && -z ${__mcp_terminal_loaded-} ]]; then
  __mcp_terminal_loaded=1
  export MCP_TERMINAL_SESSION="${MCP_TERMINAL_SESSION:-bash-$$-$RANDOM$RANDOM}"
  # "history 1" prints "%5d  %s": the number tells a new command from a prompt redrawn
  # after an empty line or a command history left out (HISTCONTROL=ignorespace).
  __mcp_terminal_last_history() {
    local line
    line=$(HISTTIMEFORMAT= builtin history 1)
    if [[ $line =~ ^\ *([0-9]+)\*?\ \ (.*)$ ]]; then
      __mcp_terminal_number=${BASH_REMATCH[1]}
      __mcp_terminal_line=${BASH_REMATCH[2]}
    else
      __mcp_terminal_number='' __mcp_terminal_line=''
    fi
  }
  __mcp_terminal_last_history
  __mcp_terminal_seen=$__mcp_terminal_number
  # PS0 is expanded just before a command runs: an arithmetic subscript in it stamps the
  # start (microseconds from EPOCHREALTIME, bash 5) without a subshell or a DEBUG trap.
  __mcp_terminal_t0=0
  if [[ -n ${EPOCHREALTIME-} ]]; then
    PS0="${PS0-}"'${__mcp_terminal_stamp[__mcp_terminal_t0=${EPOCHREALTIME/[.,]/}]-}'
  fi
  __mcp_terminal_record() {
    local status=$? duration=''
    if (( __mcp_terminal_t0 > 0 )) && [[ -n ${EPOCHREALTIME-} ]]; then
      duration=$(( (${EPOCHREALTIME/[.,]/} - __mcp_terminal_t0) / 1000 ))
    fi
    __mcp_terminal_t0=0
    __mcp_terminal_last_history
    if [[ -n $__mcp_terminal_number && $__mcp_terminal_number != "$__mcp_terminal_seen" \
          && -n $__mcp_terminal_line && $__mcp_terminal_line != [[:space:]]* ]]; then
      (command mcp-terminal record --command "$__mcp_terminal_line" --status "$status" \
        --cwd "$PWD" ${duration:+--duration "$duration"} </dev/null >/dev/null 2>&1 &)
    fi
    __mcp_terminal_seen=$__mcp_terminal_number
    return $status
  }
  PROMPT_COMMAND="__mcp_terminal_record${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
  __mcp_terminal_search() {
    local chosen
    chosen=$(command mcp-terminal 2>/dev/tty </dev/tty) || return 0
    if [[ -n $chosen ]]; then
      READLINE_LINE=$chosen
      READLINE_POINT=${#chosen}
    fi
  }
  bind -x '"\C-r": __mcp_terminal_search'
fi
