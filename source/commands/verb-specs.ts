/**
 * Every verb's options, in one table: the parser reads them (parse-options.ts), the help
 * lists them (help.ts) and the did-you-mean hints come from them, so none can drift.
 * This file is data only: the main bundle loads it without loading any verb.
 */
export type OptionSpec = {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The value's name in help and usage ("TEXT"); string options only. */
  readonly value?: string;
  readonly help: string;
};

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export type VerbSpec = {
  /** One line for the verb list of `mcp-terminal --help`. */
  readonly summary: string;
  /** The synopsis forms, after "mcp-terminal ". */
  readonly usage: readonly string[];
  readonly options: OptionTable;
};

// `as const` keeps each option's type a literal, so parsed values are typed string or boolean.
const text = (value: string, help: string) => ({ type: 'string', value, help }) as const;
const flag = (help: string) => ({ type: 'boolean', help }) as const;
const JSON_OUTPUT = flag('print one JSON document on stdout');

const PATCH_FIELDS = {
  response: text('TEXT', "the AI's response (may start with -, as in a markdown list)"),
  status: text('TEXT', 'the outcome: an exit code such as 0 or 127, or a word such as ok'),
  tokens: text('N', 'tokens used'),
} as const;

const SCOPE = {
  machine: text('ID', 'only entries from this machine (see status for the ids)'),
  session: text('ID', 'only entries from this session'),
  cwd: text('DIR', 'only entries run in this directory (relative paths are resolved)'),
} as const;

export const VERB_SPECS = {
  record: {
    summary: 'save an entry (or NDJSON lines with --stdin)',
    usage: ['record --command TEXT [OPTIONS]', 'record --stdin < entries.ndjson'],
    options: {
      command: text('TEXT', 'the command line, exactly as typed'),
      ...PATCH_FIELDS,
      duration: text('MS', 'how long it ran, in milliseconds'),
      timestamp: text(
        'MS',
        'when it started, in epoch milliseconds (default: now, less --duration when given)',
      ),
      session: text('ID', 'the session (default: $MCP_TERMINAL_SESSION)'),
      cwd: text('DIR', 'the directory it ran in (default: the current one; resolved)'),
      stdin: flag('read NDJSON entries from stdin instead'),
      'sync-if-due': flag('after saving, sync when one is due (what the shell hooks pass)'),
    },
  },
  update: {
    summary: 'change an entry',
    usage: ['update UUID [--response TEXT] [--status TEXT] [--tokens N]'],
    options: PATCH_FIELDS,
  },
  delete: {
    summary: 'delete entries everywhere, by uuid or by query',
    usage: [
      'delete UUID...',
      'delete --query QUERY [--machine ID] [--session ID] [--cwd DIR] [--dry-run] [--yes]',
    ],
    options: {
      query: text('QUERY', 'delete every entry whose command matches, as search finds them'),
      ...SCOPE,
      'dry-run': flag('list what would be deleted, delete nothing'),
      yes: { ...flag('do not ask (needed without a terminal)'), short: 'y' },
    },
  },
  search: {
    summary: 'find entries (fuzzy, best first)',
    usage: ['search [QUERY] [OPTIONS]'],
    options: {
      ...SCOPE,
      limit: text('N', 'at most N results (default 50)'),
      json: JSON_OUTPUT,
    },
  },
  status: {
    summary: 'sync state, pending uploads, machine id',
    usage: ['status [--json]'],
    options: { json: JSON_OUTPUT },
  },
  sync: {
    summary: 'push and pull now',
    usage: ['sync [--json]'],
    options: { json: JSON_OUTPUT },
  },
  conflicts: {
    summary: 'list concurrent edits; resolve one',
    usage: ['conflicts [--json]', 'conflicts resolve UUID --keep local|remote'],
    options: {
      json: JSON_OUTPUT,
      keep: text('local|remote', 'resolve: which version becomes current everywhere'),
    },
  },
  server: {
    summary: 'run a local libSQL server (sqld)',
    usage: [
      'server [--port P] [--data DIR] [--host H] [--auth-jwt-key-file FILE | --insecure]',
      'server keygen [--out DIR]',
    ],
    options: {
      port: text('P', 'the port to listen on (default 8080)'),
      data: text('DIR', 'where the server keeps its database (default $MCP_TERMINAL_HOME/server)'),
      host: text('H', 'the address to listen on (default 127.0.0.1)'),
      'auth-jwt-key-file': text('FILE', 'an Ed25519 public key (PEM): clients need a token'),
      insecure: flag('serve a non-loopback --host without authentication'),
    },
  },
  'server keygen': {
    summary: 'make a key pair and a token for server',
    usage: ['server keygen [--out DIR]'],
    options: { out: text('DIR', 'where to write the pair (default $MCP_TERMINAL_HOME/server)') },
  },
  import: {
    summary: 'bring in shell histories (bash, zsh, fish, Atuin) or an export',
    usage: ['import bash|zsh|fish|atuin [FILE] [--force]', 'import auto', 'import ndjson FILE|-'],
    options: { force: flag("import a file that does not look like that shell's history") },
  },
  export: {
    summary: 'write the whole history as NDJSON or CSV',
    usage: ['export [--format ndjson|csv] > history.ndjson'],
    options: { format: text('ndjson|csv', 'the output format (default ndjson)') },
  },
  stats: {
    summary: 'totals, machines, most used commands, busiest days',
    usage: ['stats [--json]'],
    options: { json: JSON_OUTPUT },
  },
  init: {
    summary: 'shell integration: record every command, Ctrl-R for the history',
    usage: ['init bash|zsh|fish'],
    options: {},
  },
  repair: {
    summary: 'check the cache; rebuild a damaged one from it and the server',
    usage: ['repair [--force]'],
    options: { force: flag('rebuild even when the check finds nothing wrong') },
  },
  config: {
    summary: 'write or show the configuration',
    usage: ['config init [--force]', 'config show'],
    options: { force: flag('init: overwrite an existing config.json') },
  },
} as const satisfies Readonly<Record<string, VerbSpec>>;

export type VerbName = keyof typeof VERB_SPECS;

/** The verbs a person types (subverbs such as "server keygen" are listed under their verb). */
export const VERB_NAMES = (Object.keys(VERB_SPECS) as VerbName[]).filter((v) => !v.includes(' '));
