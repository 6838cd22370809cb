/**
 * Help texts, one per verb, printed by `mcp-terminal VERB --help` and `mcp-terminal help`.
 */
export const VERB_HELP: Readonly<Record<string, string>> = {
  record: `Usage: mcp-terminal record --command C [--response R] [--status S] [--tokens N] [--duration MS] [--session ID] [--cwd DIR] [--sync-if-due]
       mcp-terminal record --stdin < entries.ndjson

Saves one entry in the local cache and prints its uuid. With --stdin, reads NDJSON lines
with the fields command, response, status, tokens, duration (ms), session, cwd, timestamp (ms) and prints
one uuid per line; a bad line stops the whole import before anything is written.
The session defaults to $MCP_TERMINAL_SESSION, the directory to the current one.
--sync-if-due (what the shell hooks pass, in the background): after saving, runs one sync
when one is due (sync.interval ms since the last attempt, or more than sync.batch_size
entries waiting) and no other process of this machine is syncing; a failure is kept for
status, never printed, and the exit code is that of the save.`,
  update: `Usage: mcp-terminal update UUID [--response R] [--status S] [--tokens N]

Changes an entry as a new version that syncs to every machine.`,
  delete: `Usage: mcp-terminal delete UUID

Deletes an entry everywhere (a tombstone that blanks its content).`,
  search: `Usage: mcp-terminal search [QUERY] [--machine M] [--session S] [--cwd DIR] [--limit N] [--json]

Finds entries whose command contains QUERY (case-insensitive), newest first.
Without a query, lists the newest entries. --json prints one JSON array.`,
  status: `Usage: mcp-terminal status [--json]

Shows the sync state, pending uploads, conflicts, last sync time and this machine's id.`,
  sync: `Usage: mcp-terminal sync [--json]

One full push + pull with the remote (TURSO_DATABASE_URL / remote.url) now. Progress goes to
stderr; exit 0 only when the sync completed. --json prints the report as one JSON object.`,
  conflicts: `Usage: mcp-terminal conflicts [--json]
       mcp-terminal conflicts resolve UUID --keep local|remote

Lists entries changed on two machines at once: last-write-wins chose one version, the other
is kept here. resolve makes the chosen version current everywhere (as a new change).`,
  server: `Usage: mcp-terminal server [--port P] [--data DIR] [--host H] [--auth-jwt-key-file FILE | --insecure]
       mcp-terminal server keygen [--out DIR]

Runs a local libSQL server (sqld) in the foreground on 127.0.0.1:8080 by default, with its
data in $MCP_TERMINAL_HOME/server. Point homes at it with TURSO_DATABASE_URL=http://127.0.0.1:P.
A --host other than loopback (127.0.0.0/8, ::1, localhost) lets other computers in, so it
needs --auth-jwt-key-file FILE (an Ed25519 public key in PEM: clients then need a token in
TURSO_AUTH_TOKEN), or --insecure to serve without authentication.
keygen writes that key pair to DIR (default $MCP_TERMINAL_HOME/server; the private key 0600,
reused when already there) and prints the public key's path and a token (no expiry: to
revoke every token, delete the pair and run keygen again). Plain http:// carries the token
unencrypted: beyond a network you trust, put a TLS proxy (https://) in front.`,
  import: `Usage: mcp-terminal import bash|zsh|fish|atuin [FILE]

Brings an existing history into the cache. Without FILE, reads where the tool keeps it:
bash $HISTFILE or ~/.bash_history (plain, or with #epoch lines), zsh $HISTFILE or
~/.zsh_history (plain or extended, multi-line, metafied bytes), fish
~/.local/share/fish/fish_history, atuin ~/.local/share/atuin/history.db ($ATUIN_DB_PATH).
Importing the same file again adds nothing; commands this machine already recorded in the
same second are not added twice. Secrets are handled as for record.`,
  export: `Usage: mcp-terminal export [--format ndjson|csv] > history.ndjson

Writes every live entry, oldest first, streamed (memory stays flat at any size). NDJSON
lines have the shape of search --json; CSV has a header and one column per field.`,
  stats: `Usage: mcp-terminal stats [--json]

How many entries, from when to when, per machine, the most used commands and the busiest
days (UTC). The TUI shows the same on Ctrl-T.`,
  init: `Usage: mcp-terminal init bash|zsh|fish

Prints the shell integration for the rc file: every command you run is recorded (command
line as typed, exit status, directory, session) in the background, so the prompt never
waits, whatever the shell's history settings (repeats too); a command typed with a leading
space is not recorded; with a remote configured, the same background process syncs when a
sync is due, so no TUI is needed; Ctrl-R opens the history and Tab puts the chosen command
on the command line. mcp-terminal must be on PATH (an alias is not enough).
  bash  ~/.bashrc:                 eval "$(mcp-terminal init bash)"
  zsh   ~/.zshrc:                  eval "$(mcp-terminal init zsh)"
  fish  ~/.config/fish/config.fish: mcp-terminal init fish | source`,
  repair: `Usage: mcp-terminal repair [--force]

Checks the cache (PRAGMA quick_check). When it is damaged, or with --force: moves it aside
(cache.db.damaged-TIME), starts a new one with the same machine id, puts back every entry the
old file still yields (unsynced ones are queued again) and syncs to bring the rest from the
server. Close other mcp-terminal processes of this home first.`,
  config: `Usage: mcp-terminal config init [--force]
       mcp-terminal config show

init writes $MCP_TERMINAL_HOME/config.json (mode 0600) from the example; --force overwrites.
show prints the merged configuration (file, environment, defaults) with the token hidden.`,
};

export const MAIN_HELP = `Usage: mcp-terminal [VERB] [OPTIONS]

With no verb, opens the full-screen history browser.

Verbs:
  record     save an entry (or NDJSON lines with --stdin)
  update     change an entry
  delete     delete an entry everywhere
  search     find entries
  status     sync state, pending uploads, machine id
  sync       push and pull now
  conflicts  list concurrent edits; resolve one
  server     run a local libSQL server (sqld)
  import     bring in a bash, zsh, fish or Atuin history
  export     write the whole history as NDJSON or CSV
  stats      totals, machines, most used commands, busiest days
  init       shell integration: record every command, Ctrl-R for the history
  repair     check the cache; rebuild a damaged one from what it holds and the server
  config     write or show the configuration

Run mcp-terminal VERB --help for a verb's options.
Home: $MCP_TERMINAL_HOME (default ~/.mcp-terminal) holds config.json and cache.db.`;
