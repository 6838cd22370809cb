/**
 * `import bash|zsh|fish|atuin [FILE] [--force]`, `import auto`, `import ndjson FILE|-`:
 * brings existing histories into the cache, idempotently (stable uuids). Whatever is
 * refused (a file that is not that tool's history, a bad NDJSON line) is refused before
 * anything is written.
 */
import { McpError } from '../../core/errors.js';
import { SHELLS, type HistorySourceKind } from '../../core/shell-history/types.js';
import { loadCommandConfig, withCache, type Command } from '../context.js';
import { parseOptions } from '../parse-options.js';
import { VERB_SPECS } from '../verb-specs.js';
import { didYouMean } from '../../core/did-you-mean.js';
import { openHistoryFile } from './history-files.js';
import { importAuto } from './import-auto.js';
import { importNdjson, readNdjsonFile } from './import-ndjson.js';
import { describeImport, importSource } from './import-source.js';

const SOURCES = [...SHELLS, 'auto', 'ndjson'] as const;

function isShell(text: string | undefined): text is HistorySourceKind {
  return (SHELLS as readonly string[]).includes(text ?? '');
}

function usage(positionals: readonly string[]): McpError {
  const word = positionals[0];
  const known = (SOURCES as readonly string[]).includes(word ?? '');
  const hint = word === undefined || known ? '' : didYouMean(word, SOURCES);
  return new McpError(
    'USAGE',
    `import: expects one of ${SOURCES.join(', ')} (ndjson with a FILE or -, the others with an optional FILE), got "${positionals.join(' ').slice(0, 60)}"${hint}; see: mcp-terminal import --help`,
  );
}

export const importHistory: Command = async (args, context) => {
  const { values, positionals } = parseOptions('import', args, VERB_SPECS.import.options, true);
  const [kind, file, ...extra] = positionals;
  if (extra.length > 0) throw usage(positionals);
  if (kind === 'auto') {
    if (file !== undefined) throw usage(positionals);
    const config = loadCommandConfig(context);
    // A source that could not be read to the end fails the run (exit 2) after the others.
    return withCache(config, context, (cache) => (importAuto(cache, context) > 0 ? 2 : 0));
  }
  if (kind === 'ndjson') {
    if (file === undefined) throw usage(positionals);
    // Every line is read and checked before the cache is opened.
    const { path, entries } = await readNdjsonFile(file, context);
    const config = loadCommandConfig(context);
    return withCache(config, context, (cache) => {
      importNdjson(cache, path, entries, context);
      return 0;
    });
  }
  if (!isShell(kind)) throw usage(positionals);
  const config = loadCommandConfig(context);
  // Opened (and checked to look like a `kind` history) before the cache.
  const source = openHistoryFile(kind, file, context.env, context.cwd, values.force === true);
  try {
    return await withCache(config, context, (cache) => {
      const counts = importSource(cache, kind, source, context.stderr);
      context.stderr.write(`${describeImport(kind, source.path, counts)}\n`);
      return 0;
    });
  } finally {
    source.close();
  }
};
