/**
 * Where each tool keeps its history, and reading it into ImportedCommands. Text formats
 * are read whole (a million-line file is tens of MB), checked to look like that tool's
 * history (core/shell-history/sniff.ts) and parsed by the pure parsers in
 * core/shell-history; Atuin's SQLite database is read row by row.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { McpError } from '../../core/errors.js';
import { parseBash } from '../../core/shell-history/bash.js';
import { parseFish } from '../../core/shell-history/fish.js';
import { sniffHistory, type Sniffed } from '../../core/shell-history/sniff.js';
import type { HistorySourceKind, ImportedCommand } from '../../core/shell-history/types.js';
import { parseZsh } from '../../core/shell-history/zsh.js';
import { openReadOnly } from '../../storage/sqlite-file.js';
import { cannotRead, checkInputFile } from './input-file.js';

type Env = Readonly<Record<string, string | undefined>>;

function dataHome(env: Env): string {
  return env['XDG_DATA_HOME'] || join(env['HOME'] || homedir(), '.local', 'share');
}

/** The file each tool writes by default ($HISTFILE for bash and zsh when it is exported). */
export function defaultHistoryFile(kind: HistorySourceKind, env: Env): string {
  const home = env['HOME'] || homedir();
  switch (kind) {
    case 'bash':
      return env['HISTFILE'] || join(home, '.bash_history');
    case 'zsh':
      return env['HISTFILE'] || join(home, '.zsh_history');
    case 'fish':
      return join(dataHome(env), 'fish', 'fish_history');
    case 'atuin':
      return env['ATUIN_DB_PATH'] || join(dataHome(env), 'atuin', 'history.db');
  }
}

/**
 * Every place a history may be, for `import auto`, with the tools whose history it may be,
 * most likely first. $HISTFILE belongs to bash or zsh: its name, then $SHELL, decide which
 * is tried first (the file's content decides in the end).
 */
export function historyCandidates(
  env: Env,
): { readonly path: string; readonly kinds: readonly HistorySourceKind[] }[] {
  const home = env['HOME'] || homedir();
  const candidates: { path: string; kinds: HistorySourceKind[] }[] = [];
  const histfile = env['HISTFILE'];
  if (histfile) {
    const zshFirst = /zsh|zhist/.test(basename(histfile)) || basename(env['SHELL'] ?? '') === 'zsh';
    candidates.push({ path: histfile, kinds: zshFirst ? ['zsh', 'bash'] : ['bash', 'zsh'] });
  }
  candidates.push(
    { path: join(home, '.bash_history'), kinds: ['bash'] },
    { path: join(home, '.zsh_history'), kinds: ['zsh'] },
    // oh-my-zsh's name, and zsh-newuser-install's.
    { path: join(home, '.zhistory'), kinds: ['zsh'] },
    { path: join(home, '.histfile'), kinds: ['zsh'] },
    { path: defaultHistoryFile('fish', env), kinds: ['fish'] },
    { path: defaultHistoryFile('atuin', env), kinds: ['atuin'] },
  );
  // One file under two names (a symlink, $HISTFILE naming the default) is one source.
  const seen = new Set<string>();
  return candidates.filter(({ path }) => {
    let real: string;
    try {
      real = realpathSync(path);
    } catch {
      return false; // not there
    }
    if (seen.has(real) || !statSync(real).isFile()) return false;
    seen.add(real);
    return true;
  });
}

export type HistoryFile = {
  readonly path: string;
  /** The file's modification time: commands it does not date are placed just before it. */
  readonly modifiedAt: number;
  /** Parses the file from the start (called twice: once to plan, once to import). */
  read(): Iterable<ImportedCommand>;
  close(): void;
};

const giveTheFile = (kind: HistorySourceKind) => `give the file: mcp-terminal import ${kind} FILE`;

function readBytes(path: string, kind: HistorySourceKind): Buffer {
  checkInputFile(`import ${kind}`, path, giveTheFile(kind));
  try {
    return readFileSync(path);
  } catch (error) {
    throw cannotRead(`import ${kind}`, path, error, giveTheFile(kind));
  }
}

/** The one line that refuses a file that does not look like a `kind` history. */
export function refusal(kind: HistorySourceKind, path: string, sniffed: Sniffed): McpError {
  if (sniffed.ok) throw new Error('refusal of an accepted file');
  const instead = sniffed.suggest ? `; use: mcp-terminal import ${sniffed.suggest} ${path}` : '';
  return new McpError(
    'INPUT_INVALID',
    `import ${kind}: ${path} ${sniffed.reason}${instead} (or --force to import it as ${kind} anyway)`,
  );
}

/**
 * Opens a history to import. Unless `force`, a text file that does not look like a `kind`
 * history is refused here, before anything is written.
 */
export function openHistoryFile(
  kind: HistorySourceKind,
  file: string | undefined,
  env: Env,
  cwd: string,
  force = false,
): HistoryFile {
  const path = file === undefined ? defaultHistoryFile(kind, env) : resolve(cwd, file);
  if (kind === 'atuin') return openAtuin(path);
  const bytes = readBytes(path, kind);
  if (!force) {
    const sniffed = sniffHistory(kind, bytes);
    if (!sniffed.ok) throw refusal(kind, path, sniffed);
  }
  const text = kind === 'zsh' ? '' : new TextDecoder('utf-8').decode(bytes);
  const read = (): Iterable<ImportedCommand> =>
    kind === 'zsh' ? parseZsh(bytes) : kind === 'bash' ? parseBash(text) : parseFish(text);
  return { path, modifiedAt: statSync(path).mtimeMs, read, close: () => undefined };
}

type AtuinRow = {
  id: string;
  timestamp: number | bigint;
  duration: number | bigint | null;
  exit: number | bigint | null;
  command: string | null;
  cwd: string | null;
  session: string | null;
};

/** Columns every Atuin schema has had; the others were added over time or may be missing. */
const ATUIN_REQUIRED = ['id', 'timestamp', 'command'] as const;
const ATUIN_OPTIONAL = ['duration', 'exit', 'cwd', 'session'] as const;

/**
 * The query for this database's schema, found by asking for the history table's columns.
 * Atuin added `deleted_at` in 2023: a database without it has deleted nothing.
 */
function atuinQuery(db: Database.Database): string {
  const columns = new Set(
    (db.pragma('table_info(history)') as { name: string }[]).map((column) => column.name),
  );
  if (columns.size === 0) throw new Error('it has no history table');
  const missing = ATUIN_REQUIRED.filter((name) => !columns.has(name));
  if (missing.length > 0) throw new Error(`its history table has no ${missing.join(', ')}`);
  const optional = ATUIN_OPTIONAL.map((name) => (columns.has(name) ? name : `NULL AS ${name}`));
  const live = columns.has('deleted_at') ? 'WHERE deleted_at IS NULL' : '';
  return `SELECT ${[...ATUIN_REQUIRED, ...optional].join(', ')} FROM history ${live} ORDER BY timestamp`;
}

function toImported(row: AtuinRow): ImportedCommand | null {
  if (typeof row.command !== 'string') return null;
  // Atuin keeps nanoseconds.
  const ms = Math.floor(Number(row.timestamp) / 1e6);
  const took = row.duration === null ? NaN : Math.round(Number(row.duration) / 1e6);
  return {
    command: row.command,
    timestamp: Number.isSafeInteger(ms) && ms >= 0 ? ms : null,
    cwd: row.cwd,
    status: row.exit === null ? null : String(row.exit),
    sessionId: row.session,
    durationMs: Number.isSafeInteger(took) && took >= 0 ? took : null,
    sourceId: String(row.id),
  };
}

/**
 * Atuin's database, read row by row. Any SQLite error, opening it or later while reading
 * it (a damaged page), is one clear INPUT_INVALID line naming the file.
 */
function openAtuin(path: string): HistoryFile {
  checkInputFile('import atuin', path, giveTheFile('atuin'));
  let db: Database.Database | undefined;
  let statement: Database.Statement;
  try {
    db = openReadOnly(path);
    statement = db.prepare(atuinQuery(db));
  } catch (error) {
    db?.close();
    throw new McpError(
      'INPUT_INVALID',
      `import atuin: ${path} is not an Atuin history database (${(error as Error).message}); check the path`,
      { cause: error },
    );
  }
  const opened = db;
  return {
    path,
    modifiedAt: statSync(path).mtimeMs,
    read: function* () {
      const rows = statement.iterate() as IterableIterator<AtuinRow>;
      try {
        while (true) {
          let next: IteratorResult<AtuinRow>;
          try {
            next = rows.next();
          } catch (error) {
            throw new McpError(
              'INPUT_INVALID',
              `import atuin: cannot read ${path} (${(error as Error).message})`,
              { cause: error },
            );
          }
          if (next.done === true) return;
          const command = toImported(next.value);
          if (command !== null) yield command;
        }
      } finally {
        rows.return?.(); // frees the statement when the reader stops early
      }
    },
    close: () => opened.close(),
  };
}
