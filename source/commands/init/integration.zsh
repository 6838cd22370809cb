# mcp-terminal (zsh): add to ~/.zshrc:  eval "$(mcp-terminal init zsh)"
if [[ -o interactive ]] && (( ! ${+__mcp_terminal_loaded} )); then
  typeset -g __mcp_terminal_loaded=1
  export MCP_TERMINAL_SESSION="${MCP_TERMINAL_SESSION:-zsh-$$-$RANDOM$RANDOM}"
  typeset -g __mcp_terminal_cmd='' __mcp_terminal_t0=''
  zmodload zsh/datetime 2>/dev/null
  __mcp_terminal_preexec() {
    __mcp_terminal_cmd=$1
    __mcp_terminal_t0=${EPOCHREALTIME-}
  }
  __mcp_terminal_precmd() {
    local st=$?
    local cmd=$__mcp_terminal_cmd
    local -a duration=()
    if [[ -n $__mcp_terminal_t0 && -n ${EPOCHREALTIME-} ]]; then
      local -i ms=$(( (EPOCHREALTIME - __mcp_terminal_t0) * 1000 ))
      duration=(--duration $ms)
    fi
    __mcp_terminal_cmd='' __mcp_terminal_t0=''
    [[ -z $cmd || $cmd == [[:space:]]* ]] && return
    ( command mcp-terminal record --command "$cmd" --status "$st" --cwd "$PWD" $duration \
        </dev/null >/dev/null 2>&1 & )
  }
  autoload -Uz add-zsh-hook
  add-zsh-hook preexec __mcp_terminal_preexec
  add-zsh-hook precmd __mcp_terminal_precmd
  __mcp_terminal_search() {
    local chosen
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
