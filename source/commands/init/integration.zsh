# mcp-terminal (zsh): add to ~/.zshrc:  eval "$(mcp-terminal init zsh)"
if [[ -o interactive ]] && (( ! ${+__mcp_terminal_loaded} )); then
  typeset -g __mcp_terminal_loaded=1
  export MCP_TERMINAL_SESSION="${MCP_TERMINAL_SESSION:-zsh-$$-$RANDOM$RANDOM}"
  typeset -g __mcp_terminal_cmd='' __mcp_terminal_t0=''
  zmodload zsh/datetime 2>/dev/null
  typeset -g __mcp_terminal_told=''
  # Whether the program is on PATH; says once per shell when it is not (an alias is not
  # enough: the hook runs in the background, where aliases do not exist).
  __mcp_terminal_found() {
    (( ${+commands[mcp-terminal]} )) && return 0
    rehash
    (( ${+commands[mcp-terminal]} )) && return 0
    if [[ -z $__mcp_terminal_told ]]; then
      __mcp_terminal_told=1
      print -ru2 -- "mcp-terminal: not on PATH, so this shell's commands are not recorded;" \
        $'\n'"  install it with npm install -g (or npm link in a clone); recording starts once it is"
    fi
    return 1
  }
  # preexec's first argument is the line as typed, whatever the history options
  # (HIST_IGNORE_DUPS, HIST_IGNORE_ALL_DUPS, HIST_IGNORE_SPACE, HIST_NO_STORE) keep of it.
  __mcp_terminal_preexec() {
    __mcp_terminal_cmd=${1:-$3}
    __mcp_terminal_t0=${EPOCHREALTIME-}
  }
  __mcp_terminal_precmd() {
    local st=$?
    local cmd=$__mcp_terminal_cmd
    local -a duration=()
    # The start time goes with the entry: commands typed ahead keep their order although
    # their background records may finish in any order.
    if [[ -n $__mcp_terminal_t0 && -n ${EPOCHREALTIME-} ]]; then
      local -i ms=$(( (EPOCHREALTIME - __mcp_terminal_t0) * 1000 ))
      local -i started=$(( __mcp_terminal_t0 * 1000 ))
      duration=(--duration=$ms --timestamp=$started)
    fi
    __mcp_terminal_cmd='' __mcp_terminal_t0=''
    [[ -z $cmd || $cmd == [[:space:]]* ]] && return
    __mcp_terminal_found || return
    ( command mcp-terminal record --command="$cmd" --status="$st" --cwd="$PWD" $duration \
        --sync-if-due </dev/null >/dev/null 2>&1 & )
  }
  autoload -Uz add-zsh-hook
  add-zsh-hook preexec __mcp_terminal_preexec
  add-zsh-hook precmd __mcp_terminal_precmd
  __mcp_terminal_search() {
    local chosen
    __mcp_terminal_found || { zle reset-prompt; return }
    chosen=$(command mcp-terminal 2>/dev/tty </dev/tty)
    if [[ -n $chosen ]]; then
      BUFFER=$chosen
      CURSOR=$#BUFFER
    fi
    zle reset-prompt
  }
  zle -N __mcp_terminal_search
  bindkey '^R' __mcp_terminal_search
fi
