/**
 * The one gate for a file named to `import` (a shell's history, Atuin's database, an NDJSON
 * export): a regular file this process may read. Checked before a byte is read, so a device
 * (`/dev/zero` never ends), a FIFO (it blocks until a writer comes) or a directory is
 * refused with one line instead of hanging or filling memory.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { McpError } from '../../core/errors.js';

/** "import bash: cannot read PATH (no such file); HINT" */
export function cannotRead(verb: string, path: string, error: unknown, hint: string): McpError {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : (error as Error).message;
  return new McpError('INPUT_INVALID', `${verb}: cannot read ${path} (${why}); ${hint}`, {
    cause: error,
  });
}

/** Throws the one-line INPUT_INVALID error unless `path` is a readable regular file. */
export function checkInputFile(verb: string, path: string, hint: string): void {
  try {
    if (!statSync(path).isFile()) throw new Error('not a regular file');
    accessSync(path, constants.R_OK);
  } catch (error) {
    throw cannotRead(verb, path, error, hint);
  }
}
