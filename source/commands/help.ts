/**
 * Help texts. Each verb's help is its usage forms and its options, both from the verb's
 * table (verb-specs.ts), around the prose below; the main help lists the verbs' summaries.
 */
import { VERB_NAMES, VERB_SPECS, type OptionSpec, type VerbName } from './verb-specs.js';

/** What each verb does, in prose (the usage and options come from its table). */
const PROSE: Readonly<Record<VerbName, string>> = {
  record: `Saves one entry in the local cache and prints its uuid. With --stdin, reads NDJSON lines
with the fields export writes (command, response, status, tokensUsed, durationMs (ms), sessionId,
cwd, userId, timestamp (ms); tokens, duration and session also work) and prints one uuid per
line; a bad line stops the whole import before anything is written. --stdin makes NEW entries
of this machine: it passes over uuid, machineId and version, so export | record --stdin
copies a history (to keep identities, use import ndjson).

Every value is taken as given, also one that starts with -, such as a markdown
list in --response.

--sync-if-due (what the shell hooks pass, in the background): after saving, runs one sync
when one is due (sync.interval ms since the last attempt, or more than sync.batch_size
entries waiting) and no other process of this machine is syncing; a failure is kept for
status, never printed, and the exit code is that of the save.`,
  update: `Changes an entry as a new version that syncs to every machine.`,
  delete: `Deletes entries everywhere: tombstones that blank their content and sync to every machine
(an older copy can never bring them back). With --query, finds the entries as search does
(fuzzy, fzf syntax; every entry of each matching command, in the scope given), lists them,
and asks before deleting; --dry-run only lists them, --yes skips the question (needed when
stdin is not a terminal).`,
  search: `Fuzzy search over every machine's history, best first: one line per distinct command (its
newest entry), ranked by match quality, then recency and use count. QUERY uses fzf's
syntax: words in any order, 'exact, ^prefix, suffix$, !not; smart case. Without a query, lists
the newest entries. Text that starts with - goes after --: mcp-terminal search -- -rf.
--json prints one JSON array (with a query, each entry also has its score, uses and the
matched positions).`,
  status: `Shows the sync state, pending uploads, conflicts, last sync time and this machine's id.`,
  sync: `One full push + pull with the remote (TURSO_DATABASE_URL / remote.url) now. Progress goes to
stderr; exit 0 only when the sync completed. --json prints the report as one JSON object.`,
  conflicts: `Lists entries changed on two machines at once: last-write-wins chose one version, the other
is kept here. resolve makes the chosen version current everywhere (as a new change).`,
  server: `Runs a local libSQL server (sqld) in the foreground on 127.0.0.1:8080 by default, with its
data in $MCP_TERMINAL_HOME/server. Point homes at it with TURSO_DATABASE_URL=http://127.0.0.1:P.
A --host other than loopback (127.0.0.0/8, ::1, localhost) lets other computers in, so it
needs --auth-jwt-key-file FILE (an Ed25519 public key in PEM: clients then need a token in
TURSO_AUTH_TOKEN), or --insecure to serve without authentication.
server keygen makes the key pair and a token (see: mcp-terminal server keygen --help).`,
  'server keygen': `Writes a key pair for server --auth-jwt-key-file to DIR (default $MCP_TERMINAL_HOME/server;
the private key 0600, reused when already there) and prints the public key's path and a token (no expiry: to
revoke every token, delete the pair and run keygen again). Plain http:// carries the token
unencrypted: beyond a network you trust, put a TLS proxy (https://) in front.`,
  import: `Brings an existing history into the cache, every command as the shell kept it (repeats
too). Without FILE, reads where the tool keeps it: bash $HISTFILE or ~/.bash_history (plain,
or with #epoch lines), zsh $HISTFILE or ~/.zsh_history (plain or extended, multi-line,
metafied bytes), fish ~/.local/share/fish/fish_history, atuin
~/.local/share/atuin/history.db ($ATUIN_DB_PATH). A file that does not look like that
tool's history is refused before anything is written; --force imports it anyway.
import auto imports every history it finds in those places (one line per source).
import ndjson FILE (- for stdin) takes what export --format ndjson wrote, keeping each entry's
uuid, machine, session and version: an entry already here is not added again nor replaced
by an older version; a bad line stops it before anything is written.
Importing the same file again, or the same file with lines added, adds only what is new; a
run this machine's shell hook already recorded in the same second is not added twice (one
for one). Secrets are handled as for record.`,
  export: `Writes every live entry, oldest first, streamed (memory stays flat at any size). NDJSON
lines have the shape of search --json; import ndjson brings them back (on this home or
another, identities kept) and record --stdin reads them as new entries. CSV has a header and
one column per field.`,
  stats: `How many entries, from when to when, per machine, the most used commands and the busiest
days (local time). The TUI shows the same on Ctrl-T.`,
  init: `Prints the shell integration for the rc file: every command you run is recorded (command
line as typed, exit status, directory, session) in the background, so the prompt never
waits, whatever the shell's history settings (repeats too); a command typed with a leading
space is not recorded; with a remote configured, the same background process syncs when a
sync is due, so no TUI is needed; Ctrl-R opens the history and Tab puts the chosen command
on the command line. mcp-terminal must be on PATH (an alias is not enough).
  bash  ~/.bashrc:                 eval "$(mcp-terminal init bash)"
  zsh   ~/.zshrc:                  eval "$(mcp-terminal init zsh)"
  fish  ~/.config/fish/config.fish: mcp-terminal init fish | source`,
  repair: `Checks the cache (PRAGMA quick_check). When it is damaged, or with --force: moves it aside
(cache.db.damaged-TIME), starts a new one with the same machine id, puts back every entry the
old file still yields (unsynced ones are queued again) and syncs to bring the rest from the
server. Close other mcp-terminal processes of this home first.`,
  config: `init writes $MCP_TERMINAL_HOME/config.json (mode 0600) from the example; --force overwrites.
show prints the merged configuration (file, environment, defaults) with the token hidden.`,
};

const INDENT = '  ';
/** Help fits an 80-column terminal. */
export const HELP_COLUMNS = 80;

/**
 * `first` + the words of `text`, wrapped at HELP_COLUMNS; later lines start with `indent`.
 * A word longer than the line stays whole.
 */
function wrapWords(first: string, text: string, indent: string): string {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(' ')) {
    const fits = line.length + 1 + word.length <= HELP_COLUMNS || line.trim() === '';
    if (fits) line += line === first || line === indent ? word : ` ${word}`;
    else {
      lines.push(line);
      line = indent + word;
    }
  }
  return [...lines, line].join('\n');
}

function optionLine([name, option]: [string, OptionSpec], width: number): string {
  const short = option.short === undefined ? '    ' : `-${option.short}, `;
  const head = `${short}--${name}${option.value === undefined ? '' : ` ${option.value}`}`;
  const start = `${INDENT}${head.padEnd(width)}  `;
  return wrapWords(start, option.help, ' '.repeat(start.length));
}

/** The options section, generated from the table. */
export function optionsHelp(options: Readonly<Record<string, OptionSpec>>): string {
  const rows = Object.entries(options);
  const heads = rows.map(([name, o]) => 4 + 2 + name.length + (o.value ? o.value.length + 1 : 0));
  const width = Math.max(0, ...heads);
  return [
    'Options:',
    ...rows.map((row) => optionLine(row, width)),
    optionLine(['help', { type: 'boolean', short: 'h', help: 'show this help' }], width),
  ].join('\n');
}

/**
 * The prose rewrapped at HELP_COLUMNS: lines of a paragraph flow together; a line that
 * starts with two spaces (an example) is kept as written.
 */
function reflow(prose: string): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) out.push(wrapWords('', paragraph.join(' '), ''));
    paragraph = [];
  };
  for (const line of prose.split('\n')) {
    if (line === '' || line.startsWith('  ')) {
      flush();
      out.push(line);
    } else paragraph.push(line);
  }
  flush();
  return out.join('\n');
}

/** `mcp-terminal VERB --help`. */
export function verbHelp(verb: VerbName): string {
  const spec = VERB_SPECS[verb];
  const usage = spec.usage.map((form, i) =>
    wrapWords(`${i === 0 ? 'Usage: ' : '       '}mcp-terminal `, form, '         '),
  );
  return [usage.join('\n'), reflow(PROSE[verb]), optionsHelp(spec.options)].join('\n\n');
}

const VERB_WIDTH = Math.max(...VERB_NAMES.map((verb) => verb.length));

export const MAIN_HELP = `Usage: mcp-terminal [VERB] [OPTIONS]

With no verb, opens the full-screen history browser.

Verbs:
${VERB_NAMES.map((verb) => `${INDENT}${verb.padEnd(VERB_WIDTH)}  ${VERB_SPECS[verb].summary}`).join('\n')}

Run mcp-terminal VERB --help for a verb's options; --version prints the version.
Home: $MCP_TERMINAL_HOME (default ~/.mcp-terminal): config.json, cache.db.`;
