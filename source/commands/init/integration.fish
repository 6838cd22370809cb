# mcp-terminal (fish): add to ~/.config/fish/config.fish:  mcp-terminal init fish | source
if status is-interactive; and not set -q __mcp_terminal_loaded
  set -g __mcp_terminal_loaded 1
  set -q MCP_TERMINAL_SESSION; or set -gx MCP_TERMINAL_SESSION fish-$fish_pid-(random)
  function __mcp_terminal_postexec --on-event fish_postexec
    set -l st $status
    set -l cmd $argv[1]
    if test -z "$cmd"; or string match -qr '^\s' -- "$cmd"
      return
    end
    command mcp-terminal record --command "$cmd" --status $st --cwd "$PWD" --duration $CMD_DURATION </dev/null >/dev/null 2>&1 &
    disown 2>/dev/null
  end
  function __mcp_terminal_search
    set -l chosen (command mcp-terminal 2>/dev/tty </dev/tty | string collect)
    if test -n "$chosen"
      commandline -r -- $chosen
    end
    commandline -f repaint
  end
  bind \cr __mcp_terminal_search
  bind -M insert \cr __mcp_terminal_search 2>/dev/null
end
