/**
 * `repair [--force]`: checks the cache with `PRAGMA quick_check`; when it is damaged (or
 * with --force) moves it aside, starts a new cache with the same machine id, puts back every
 * row the old file still yields (queued again when the server had not confirmed it), and
 * syncs to fetch the rest from the server when one is configured.
 */
import { plural } from '../core/plural.js';
import { existsSync, renameSync } from 'node:fs';
import { DEFAULT_SECRET_POLICY } from '../core/secrets.js';
import { checkCacheFile } from '../storage/cache-integrity.js';
import { restrictToOwner } from '../storage/file-modes.js';
import { LocalCache } from '../storage/local-cache.js';
import { openReadOnly } from '../storage/sqlite-file.js';
import { salvageDamaged } from '../storage/salvage.js';
import { leaseOwner } from '../storage/sync-lease.js';
import { runSyncJob } from '../sync/sync-job.js';
import { loadCommandConfig, type Command } from './context.js';
import { parseOptions } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';

/** null when healthy, else what is wrong. */
function diagnose(path: string): string | null {
  try {
    checkCacheFile(path);
    const db = openReadOnly(path);
    try {
      const result = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
      const problems = result.map((row) => row.quick_check).filter((line) => line !== 'ok');
      return problems.length === 0 ? null : `quick_check: ${problems.join('; ').slice(0, 300)}`;
    } finally {
      db.close();
    }
  } catch (error) {
    return (error as Error).message;
  }
}

export const repair: Command = async (args, context) => {
  const { values } = parseOptions('repair', args, VERB_SPECS.repair.options, false);
  const config = loadCommandConfig(context);
  const path = config.cachePath;
  const say = (line: string) => context.stdout.write(`${line}\n`);
  if (!existsSync(path)) {
    say(`no cache at ${path}: nothing to repair`);
    return 0;
  }
  const problem = diagnose(path);
  if (problem === null && values.force !== true) {
    say(`${path} is healthy (quick_check ok): nothing to do; --force rebuilds it anyway`);
    return 0;
  }
  if (problem !== null) say(`${path} is damaged: ${problem}`);
  const salvage = salvageDamaged(path);
  const aside = `${path}.damaged-${new Date(context.now()).toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (!existsSync(path + suffix)) continue;
    renameSync(path + suffix, aside + suffix);
    // A cache made by an older version may be 0644: its copy aside is as private as the cache.
    restrictToOwner(aside + suffix);
  }
  say(`moved it to ${aside}`);
  // Restored rows were filtered when first recorded: they go back exactly as they were.
  const cache = LocalCache.open(path, {
    now: context.now,
    secrets: { ...DEFAULT_SECRET_POLICY, mode: 'off' },
    ...(salvage.machineId === null ? {} : { machineId: salvage.machineId }),
  });
  try {
    const queued = cache.restore(salvage.rows);
    say(
      `recovered ${plural(salvage.rows.length, 'entry', 'entries')} (${queued} not confirmed by the server, queued again: sending one it has is harmless)` +
        (salvage.unreadableRanges > 0
          ? `; ${salvage.unreadableRanges} unreadable ranges of rows were left behind`
          : ''),
    );
    if (config.remote.url === null || config.sync.offline_mode === 'always') {
      say('no remote configured: the cache holds what could be recovered');
      return 0;
    }
    try {
      const job = await runSyncJob({
        config,
        cache,
        owner: leaseOwner('repair'),
        now: context.now,
        onProgress: () => undefined,
      });
      if (job.ran)
        say(
          `synced with the server: ${job.report.uploaded} uploaded, ${job.report.downloaded} downloaded`,
        );
      else say('another process is syncing this home: it will bring the rest from the server');
    } catch (error) {
      say(
        `the server could not be reached (${(error as Error).message.split('\n')[0]}); run mcp-terminal sync later`,
      );
    }
    return 0;
  } finally {
    cache.close();
  }
};
