/**
 * The cache holds every command and AI response typed on this machine, so only its owner
 * may read it: the cache file is made 0600 before SQLite opens it (SQLite then creates the
 * -wal and -shm files with the database file's own mode), and a home folder this program
 * creates is 0700. Both whatever the umask: modes are set with chmod, not left to it.
 */
import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  mkdirSync,
  openSync,
  statSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** Bits that let group or others in. */
const GROUP_OTHER = 0o077;

/** Creates `dir` (and its parents) when missing; a folder created here is made 0700. */
export function ensurePrivateDir(dir: string): void {
  if (mkdirSync(dir, { recursive: true, mode: 0o700 }) !== undefined) chmodSync(dir, 0o700);
}

/**
 * Takes group and other bits off an existing file (0644 → 0600), keeping the owner's. Quietly
 * leaves a file it cannot change (owned by someone else): opening it says what matters.
 */
export function restrictToOwner(path: string): void {
  let mode: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return;
    mode = stat.mode;
  } catch {
    return; // missing: nothing to restrict
  }
  if ((mode & GROUP_OTHER) === 0) return;
  try {
    chmodSync(path, mode & 0o700);
  } catch {
    // Not ours to change.
  }
}

/**
 * Makes the cache file at `path` private before SQLite opens it: its folder exists (0700 when
 * created here), a new file is created empty with mode 0600 (an empty file is a new SQLite
 * database), and an existing one and its -wal / -shm are tightened to the owner.
 *
 * Why existing files too: versions before this one created caches 0644, readable by every
 * local user; a cache shared with other users is not a use this tool has (two homes are two
 * machines), and the check is three stat calls.
 */
export function prepareCacheFile(path: string): void {
  ensurePrivateDir(dirname(path));
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    for (const suffix of ['', '-wal', '-shm']) restrictToOwner(path + suffix);
    return;
  }
  try {
    fchmodSync(fd, 0o600); // the umask may have taken owner bits off the open mode
  } finally {
    closeSync(fd);
  }
}
