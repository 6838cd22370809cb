/**
 * `sync`: one full push + pull now. Exit 0 only when it completed; progress on stderr.
 */
import { plural } from '../core/plural.js';
import { McpError } from '../core/errors.js';
import { describeLeaseHolder, leaseOwner } from '../storage/sync-lease.js';
import { runSyncJob } from '../sync/sync-job.js';
import type { SyncProgress } from '../sync/sync-manager.js';
import { loadCommandConfig, withCache, type Command, type CommandContext } from './context.js';
import { parseOptions } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';

/**
 * Progress for long syncs only (a quick one prints nothing): after the first second, redrawn
 * in place on a terminal, one line a second otherwise.
 */
function progressPrinter(context: CommandContext) {
  const tty = (context.stderr as { isTTY?: boolean }).isTTY === true;
  let lastLine = context.now();
  let shown = false;
  return {
    update(progress: SyncProgress) {
      const now = context.now();
      if (now - lastLine < (tty ? 100 : 1000) || (!shown && now - lastLine < 1000)) return;
      lastLine = now;
      shown = true;
      const text = `${progress.phase === 'push' ? 'uploading' : 'downloading'} ${progress.done}/${progress.total}`;
      context.stderr.write(tty ? `\r\u001b[2K${text}` : `${text}\n`);
    },
    end() {
      if (tty && shown) context.stderr.write('\r\u001b[2K');
      shown = false;
    },
  };
}

const WAIT_FOR_LEASE_MS = 120_000;

export const sync: Command = async (args, context) => {
  const { values } = parseOptions('sync', args, VERB_SPECS.sync.options, false);
  const config = loadCommandConfig(context);
  return withCache(config, context, async (cache) => {
    const progress = progressPrinter(context);
    const owner = leaseOwner('sync');
    const started = context.now();
    const attempt = () =>
      runSyncJob({ config, cache, owner, now: context.now, onProgress: progress.update });
    try {
      let job = await attempt();
      // Another live process holds the machine's sync lease (one that died is passed over at
      // once): say who, once, then wait for it to finish and sync, so the result reflects
      // this call.
      if (!job.ran)
        context.stderr.write(
          `waiting for another mcp-terminal process to finish syncing this home (${describeLeaseHolder(job.holder)})…\n`,
        );
      while (!job.ran) {
        if (context.now() - started > WAIT_FOR_LEASE_MS) {
          throw new McpError(
            'SYNC_FAILED',
            `another process (${describeLeaseHolder(job.holder)}) has been syncing this home for 2 minutes; try again later`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
        job = await attempt();
      }
      const report = job.report;
      progress.end();
      if (values.json) {
        context.stdout.write(`${JSON.stringify(report)}\n`);
      } else {
        context.stdout.write(
          `synced: ${report.uploaded} uploaded, ${report.downloaded} downloaded, ${plural(report.conflicts, 'conflict')}` +
            `${report.quarantined > 0 ? `, ${report.quarantined} invalid rows from the server quarantined (see: mcp-terminal status)` : ''} (${report.durationMs} ms)\n`,
        );
      }
      return 0;
    } finally {
      progress.end();
    }
  });
};
