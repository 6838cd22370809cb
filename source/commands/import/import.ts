/**
 * `import bash|zsh|fish|atuin [FILE]`: brings an existing history into the cache. Idempotent
 * (stable uuids), chunked so other terminals keep recording meanwhile, with progress on
 * stderr for big files. Entries the cache would refuse (empty, oversized) are counted and
 * left out rather than stopping a years-long history at one odd line.
 */
import { McpError } from '../../core/errors.js';
import { SHELLS, type HistorySourceKind } from '../../core/shell-history/types.js';
import type { NewEntry } from '../../core/types.js';
import { validateNewEntry } from '../../core/validate-entry.js';
import { loadCommandConfig, withCache, type Command } from '../context.js';
import { parseOptions } from '../parse-options.js';
import { openHistoryFile } from './history-files.js';
import { stableUuid } from './stable-uuid.js';

const CHUNK = 5000;
const PROGRESS_EVERY = 100_000;

type Importable = NewEntry & { readonly uuid: string };

function isShell(text: string | undefined): text is HistorySourceKind {
  return (SHELLS as readonly string[]).includes(text ?? '');
}

const count = (n: number) => n.toLocaleString('en-US');

export const importHistory: Command = async (args, context) => {
  const { positionals } = parseOptions('import', args, {}, true);
  const [kind, file, ...extra] = positionals;
  if (!isShell(kind) || extra.length > 0) {
    throw new McpError(
      'USAGE',
      `import: expects one of ${SHELLS.join(', ')} and an optional FILE, got "${positionals.join(' ').slice(0, 60)}"; see: mcp-terminal import --help`,
    );
  }
  const config = loadCommandConfig(context);
  const source = openHistoryFile(kind, file, context.env, context.cwd);
  try {
    let total = 0;
    for (const _ of source.read()) total++;
    return await withCache(config, context, (cache) => {
      let position = 0;
      let added = 0;
      let present = 0;
      let rejected = 0;
      let chunk: Importable[] = [];
      const flush = () => {
        const result = cache.importMany(chunk);
        added += result.added;
        present += result.present;
        chunk = [];
        cache.maintain();
      };
      for (const command of source.read()) {
        position++;
        const entry: Importable = {
          uuid: stableUuid(command.timestamp ?? position, [
            cache.machineId,
            kind,
            command.sourceId ?? position,
            command.timestamp,
            command.command,
          ]),
          command: command.command,
          // Untimed commands keep their order, just before the file was last written.
          timestamp:
            command.timestamp ?? Math.max(0, Math.floor(source.modifiedAt) - (total - position)),
          cwd: command.cwd ?? null,
          status: command.status ?? null,
          sessionId: command.sessionId ?? null,
          durationMs: command.durationMs ?? null,
        };
        try {
          validateNewEntry(entry);
        } catch {
          rejected++;
          continue;
        }
        chunk.push(entry);
        if (chunk.length === CHUNK) flush();
        if (total >= PROGRESS_EVERY && position % PROGRESS_EVERY === 0)
          context.stderr.write(`import ${kind}: ${count(position)} of ${count(total)}\n`);
      }
      if (chunk.length > 0) flush();
      const notes = [
        present > 0 ? `${count(present)} already here` : '',
        rejected > 0 ? `${count(rejected)} left out (empty or over the size limits)` : '',
      ].filter((note) => note.length > 0);
      context.stderr.write(
        `imported ${count(added)} new ${added === 1 ? 'entry' : 'entries'} from ${source.path} (${kind})${notes.length > 0 ? `; ${notes.join('; ')}` : ''}\n`,
      );
      return 0;
    });
  } finally {
    source.close();
  }
};
