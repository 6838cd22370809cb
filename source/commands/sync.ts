/**
 * `sync`: one full push + pull now. Exit 0 only when it completed; progress on stderr.
 */
import { randomUUID } from 'node:crypto';
import { McpError } from '../core/errors.js';
import { runSyncJob } from '../sync/sync-job.js';
import type { SyncProgress } from '../sync/sync-manager.js';
import { loadCommandConfig, withCache, type Command, type CommandContext } from './context.js';
import { parseOptions } from './parse-options.js';

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
  const { values } = parseOptions('sync', args, { json: { type: 'boolean' } }, false);
  const config = loadCommandConfig(context);
  return withCache(config, context, async (cache) => {
    const progress = progressPrinter(context);
    const owner = `sync-${process.pid}-${randomUUID().slice(0, 8)}`;
    const started = context.now();
    try {
      let job = await runSyncJob({
        config,
        cache,
        owner,
        now: context.now,
        onProgress: progress.update,
      });
      // Another process (a background syncer) holds the machine's sync lease: wait for it
      // to finish, then sync, so the result reflects this call.
      while (!job.ran) {
        if (context.now() - started > WAIT_FOR_LEASE_MS) {
          throw new McpError(
            'SYNC_FAILED',
            'another process has been syncing this home for 2 minutes; try again later',
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
        job = await runSyncJob({
          config,
          cache,
          owner,
          now: context.now,
          onProgress: progress.update,
        });
      }
      const report = job.report;
      progress.end();
      if (values.json) {
        context.stdout.write(`${JSON.stringify(report)}\n`);
      } else {
        context.stdout.write(
          `synced: ${report.uploaded} uploaded, ${report.downloaded} downloaded, ${report.conflicts} conflicts` +
            `${report.rejected > 0 ? `, ${report.rejected} invalid rows from the server skipped` : ''} (${report.durationMs} ms)\n`,
        );
      }
      return 0;
    } finally {
      progress.end();
    }
  });
};
