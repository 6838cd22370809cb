# mcp-terminal (fish): add to ~/.config/fish/config.fish:  mcp-terminal init fish | source
if status is-interactive; and not set -q __mcp_terminal_loaded
  set -g __mcp_terminal_loaded 1
  set -q MCP_TERMINAL_SESSION; or set -gx MCP_TERMINAL_SESSION fish-$fish_pid-(random)
  set -g __mcp_terminal_told ''
  # Whether the program is on PATH; says once per shell when it is not (an alias or a
  # function is not enough: the hook runs it in the background with `command`).
  function __mcp_terminal_found
    command -sq mcp-terminal; and return 0
    if test -z "$__mcp_terminal_told"
      set -g __mcp_terminal_told 1
      printf '%s\n' "mcp-terminal: not on PATH, so this shell's commands are not recorded;" \
        "  install it with npm install -g (or npm link in a clone); recording starts once it is" >&2
    end
    return 1
  end
  # fish_postexec gets the command line as typed, whatever fish keeps in its history. fish
  # has no clock variable: record takes now less --duration as the start time.
  function __mcp_terminal_postexec --on-event fish_postexec
    set -l st $status
    set -l cmd $argv[1]
    if test -z "$cmd"; or string match -qr '^\s' -- "$cmd"
      return
    end
    __mcp_terminal_found; or return
    command mcp-terminal record --command="$cmd" --status=$st --cwd="$PWD" --duration=$CMD_DURATION --sync-if-due </dev/null >/dev/null 2>&1 &
    disown 2>/dev/null
  end
  function __mcp_terminal_search
    __mcp_terminal_found; or begin
      commandline -f repaint
      return
    end
    set -l chosen (command mcp-terminal 2>/dev/tty </dev/tty | string collect)
    if test -n "$chosen"
      commandline -r -- $chosen
    end
    commandline -f repaint
  end
  bind \cr __mcp_terminal_search
  bind -M insert \cr __mcp_terminal_search 2>/dev/null
end
