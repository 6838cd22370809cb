/**
 * `status`: the sync state as the cache sees it, for people and (with --json) scripts.
 */
import type { SyncState } from '../core/types.js';
import { loadCommandConfig, withCache, type Command } from './context.js';
import { displayUrl } from './format.js';
import { parseOptions } from './parse-options.js';

export const status: Command = async (args, context) => {
  const { values } = parseOptions('status', args, { json: { type: 'boolean' } }, false);
  const config = loadCommandConfig(context);
  return withCache(config, context, (cache) => {
    const pendingUpload = cache.pendingUploadCount();
    const conflicts = cache.openConflictCount();
    const lastSynced = cache.getMeta('last_synced_at');
    let state: SyncState = pendingUpload > 0 ? 'PENDING_UPLOAD' : 'SYNCHRONIZED';
    if (conflicts > 0 && pendingUpload === 0) state = 'CONFLICT';
    const report = {
      state,
      pendingUpload,
      conflicts,
      lastSyncedAt: lastSynced === null ? null : Number(lastSynced),
      machineId: cache.machineId,
      remote: displayUrl(config.remote.url),
      lastError: cache.getMeta('last_error'),
      home: config.home,
    };
    if (values.json) {
      context.stdout.write(`${JSON.stringify(report)}\n`);
      return 0;
    }
    const lines = [
      ['state', report.state],
      ['pending upload', String(report.pendingUpload)],
      ['conflicts', String(report.conflicts)],
      [
        'last sync',
        report.lastSyncedAt === null ? 'never' : new Date(report.lastSyncedAt).toISOString(),
      ],
      ['machine', report.machineId],
      ['remote', report.remote ?? 'none (local only)'],
      ['home', report.home],
    ];
    if (report.lastError) lines.push(['last error', report.lastError]);
    context.stdout.write(lines.map(([k, v]) => `${`${k}:`.padEnd(16)}${v}`).join('\n') + '\n');
    return 0;
  });
};
