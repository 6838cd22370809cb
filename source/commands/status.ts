/**
 * `status`: the sync state as the cache records it, for people and (with --json) scripts.
 * Reads only the cache, so it answers instantly even offline.
 */
import { sanitizeLine } from '../core/sanitize.js';
import { readSyncStatus } from '../sync/sync-status.js';
import { loadCommandConfig, withCache, type Command } from './context.js';
import { displayUrl } from './format.js';
import { parseOptions } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';
import { localTime } from '../core/local-time.js';

export const status: Command = async (args, context) => {
  const { values } = parseOptions('status', args, VERB_SPECS.status.options, false);
  const config = loadCommandConfig(context);
  return withCache(config, context, (cache) => {
    const sync = readSyncStatus(cache, config, context.now(), values.json === true);
    const report = { ...sync, remote: displayUrl(config.remote.url), home: config.home };
    if (values.json) {
      context.stdout.write(`${JSON.stringify(report)}\n`);
      return 0;
    }
    const lines = [
      [
        'state',
        report.progress
          ? `${report.state} (${report.progress.phase} ${report.progress.done}/${report.progress.total})`
          : report.state,
      ],
      ['pending upload', String(report.pendingUpload)],
      ['conflicts', String(report.conflicts)],
      [
        'last sync',
        report.lastSyncedAt === null
          ? 'never'
          : localTime(report.lastSyncedAt, { seconds: true, zone: true }),
      ],
      ['machine', report.machineId],
      ['remote', report.remote ?? 'none (local only)'],
      ['home', report.home],
    ];
    if (report.lastError) lines.push(['last error', sanitizeLine(report.lastError)]);
    if (report.quarantined > 0) {
      lines.push([
        'quarantined',
        `${report.quarantined} invalid rows never merged (list: mcp-terminal status --json)`,
      ]);
    }
    context.stdout.write(lines.map(([k, v]) => `${`${k}:`.padEnd(16)}${v}`).join('\n') + '\n');
    return 0;
  });
};
