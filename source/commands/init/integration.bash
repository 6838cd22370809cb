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
  __mcp_terminal_record() {
    local status=$?
    __mcp_terminal_last_history
    if [[ -n $__mcp_terminal_number && $__mcp_terminal_number != "$__mcp_terminal_seen" \
          && -n $__mcp_terminal_line && $__mcp_terminal_line != [[:space:]]* ]]; then
      (command mcp-terminal record --command "$__mcp_terminal_line" --status "$status" \
        --cwd "$PWD" </dev/null >/dev/null 2>&1 &)
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
