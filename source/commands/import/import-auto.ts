/**
 * `import auto`: every shell history found on this machine (bash, zsh, fish, Atuin's
 * database), each imported as `import KIND FILE` would, with one line per source. A file
 * that does not look like the history its place suggests is skipped with its reason, never
 * imported as something else by guesswork and never stopping the others. Identity is the
 * same as for `import KIND`, so a second run, or a run after `import bash`, adds nothing.
 */
import { McpError } from '../../core/errors.js';
import type { LocalCache } from '../../storage/local-cache.js';
import type { CommandContext } from '../context.js';
import { historyCandidates, openHistoryFile, type HistoryFile } from './history-files.js';
import { describeImport, importSource } from './import-source.js';
import type { HistorySourceKind } from '../../core/shell-history/types.js';

/** The source opened as the first of `kinds` it looks like, or the last refusal. */
function openAsAny(
  path: string,
  kinds: readonly HistorySourceKind[],
  context: CommandContext,
): { kind: HistorySourceKind; source: HistoryFile } | McpError {
  let refused: McpError | null = null;
  for (const kind of kinds) {
    try {
      return { kind, source: openHistoryFile(kind, path, context.env, context.cwd) };
    } catch (error) {
      if (!(error instanceof McpError)) throw error;
      refused = error;
    }
  }
  return refused ?? new McpError('INPUT_INVALID', `import: ${path}: no history kind to try`);
}

/**
 * Imports every history found; returns how many sources could not be read to the end (a
 * damaged database): each said on its own line, after the others were imported.
 */
export function importAuto(cache: LocalCache, context: CommandContext): number {
  const candidates = historyCandidates(context.env);
  if (candidates.length === 0) {
    context.stderr.write(
      "import auto: found no shell history (looked for $HISTFILE, ~/.bash_history, ~/.zsh_history, ~/.zhistory, ~/.histfile, fish_history and Atuin's history.db)\n",
    );
    return 0;
  }
  let failed = 0;
  for (const { path, kinds } of candidates) {
    const opened = openAsAny(path, kinds, context);
    if (opened instanceof McpError) {
      const why = opened.message.replace(/^import \S+: /, '').replace(/ \(or --force.*$/, '');
      context.stderr.write(`import auto: skipped ${why}\n`);
      continue;
    }
    try {
      const counts = importSource(cache, opened.kind, opened.source, context.stderr);
      context.stderr.write(`${describeImport(opened.kind, opened.source.path, counts)}\n`);
    } catch (error) {
      // A source that cannot be read to the end (a damaged database) stops only itself.
      if (!(error instanceof McpError) || error.code !== 'INPUT_INVALID') throw error;
      context.stderr.write(`import auto: ${error.message.replace(/^import \S+: /, '')}\n`);
      failed++;
    } finally {
      opened.source.close();
    }
  }
  return failed;
}
