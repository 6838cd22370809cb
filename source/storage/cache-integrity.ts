/**
 * Is the cache file damaged? Two cheap checks at every open — the SQLite header, and a
 * file shorter than the header says (truncated by a full disk or a bad copy) — and the
 * full `PRAGMA quick_check` for `repair` (it reads every page: ~30 s on a 1 GB cache, too
 * slow for every command). SQLite's own corruption errors met later say the same thing.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { McpError } from '../core/errors.js';

const MAGIC = 'SQLite format 3\u0000';

export function corruptCache(path: string, detail: string, cause?: unknown): McpError {
  return new McpError(
    'CACHE_CORRUPT',
    `the cache ${path} is damaged (${detail}); run: mcp-terminal repair (it moves the file aside, keeps what it can read, and rebuilds from the server)`,
    cause === undefined ? undefined : { cause },
  );
}

/** SQLite errors that mean the file itself is bad, not the statement. */
export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

function unavailable(path: string, detail: string, cause?: unknown): McpError {
  return new McpError(
    'CACHE_UNAVAILABLE',
    `cannot open the cache ${path}: ${detail}; move it away or set MCP_TERMINAL_HOME to another folder`,
    cause === undefined ? undefined : { cause },
  );
}

/** The first 100 bytes of the file (fewer when it is shorter). */
function readHeader(path: string): { header: Buffer; read: number } {
  const header = Buffer.alloc(100);
  try {
    const fd = openSync(path, 'r');
    try {
      return { header, read: readSync(fd, header, 0, 100, 0) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw unavailable(path, `it cannot be read (${code})`, error);
  }
}

function walHasFrames(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

/**
 * Throws CACHE_CORRUPT when the file is not a SQLite database or is cut short, and
 * CACHE_UNAVAILABLE when it is not a file (a directory) or cannot be read. A missing or
 * empty file is fine (a new cache).
 */
export function checkCacheFile(path: string): void {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw unavailable(path, 'it is a directory, not a file');
    if (!stat.isFile()) throw unavailable(path, 'it is not a regular file');
    size = stat.size;
  } catch (error) {
    if (error instanceof McpError) throw error;
    return; // missing (or its folder is): a new cache, made by the open
  }
  if (size === 0) return;
  const { header, read } = readHeader(path);
  if (read < 100 || header.toString('latin1', 0, 16) !== MAGIC) {
    throw corruptCache(path, 'it is not a SQLite database');
  }
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const changeCounter = header.readUInt32BE(24);
  const pages = header.readUInt32BE(28);
  // The header's page count is trustworthy only when written with the current counter, and
  // only while no WAL holds frames: a checkpoint held back by a reader's snapshot copies page
  // 1 (the header) but may leave later pages in the WAL, a legal state that lasts as long as
  // that reader. So the WAL is looked at after the header was read, and the size once more
  // (a closing connection may have just completed the file and removed its WAL).
  const claimed = pages * pageSize;
  if (
    changeCounter === header.readUInt32BE(92) &&
    claimed > size &&
    !walHasFrames(path) &&
    claimed > (statSync(path, { throwIfNoEntry: false })?.size ?? 0)
  ) {
    throw corruptCache(path, `it is cut short: ${size} bytes where its header says ${claimed}`);
  }
}
