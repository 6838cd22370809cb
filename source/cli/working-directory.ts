/**
 * The directory as the person sees it. Shells keep $PWD logical: in a symlinked directory
 * it names the link (/tmp/linkdir), while process.cwd() names the target (/tmp/realdir).
 * The shell hooks record $PWD, so every other path (record's default, --cwd ., the TUI's
 * directory scope) must use it too, or a directory's entries are not found from inside it.
 * $PWD is trusted only when it is absolute and is the same directory as process.cwd().
 */
import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

export function workingDirectory(env: Readonly<Record<string, string | undefined>>): string {
  const physical = process.cwd();
  const logical = env['PWD'];
  if (logical === undefined || !isAbsolute(logical)) return physical;
  try {
    const [seen, real] = [statSync(logical), statSync(physical)];
    if (seen.dev === real.dev && seen.ino === real.ino) return resolve(logical);
  } catch {
    // A $PWD that no longer exists: the physical path is the truth.
  }
  return physical;
}
