/**
 * The query worker: its own cache connection and search indexes, so building an index over
 * hundreds of thousands of commands or scanning it never stalls the UI thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { historyStats } from '../../storage/history-stats.js';
import { LocalCache } from '../../storage/local-cache.js';
import type { QueryCommand, QueryReply, QueryWorkerInit } from './query-protocol.js';
import { DeltaEncoder } from './entry-delta.js';
import type { HistoryEntry } from '../../core/types.js';
import { QueryService } from './query-service.js';
import { watchCache } from './watch-cache.js';

const port = parentPort;
if (port === null) throw new Error('query-worker-entry must run in a worker thread');
const init = workerData as QueryWorkerInit;
const cache = LocalCache.open(init.cachePath);
const service = new QueryService(cache);
const reply = (message: QueryReply) => port.postMessage(message);

/**
 * The list never shows responses (the detail view re-reads the whole entry), and responses
 * can be many kilobytes: cutting them here keeps each refresh's copy to the UI thread, and
 * its garbage there, small.
 */
const RESPONSE_PREVIEW = 200;
function forList(entry: HistoryEntry): HistoryEntry {
  return entry.response !== null && entry.response.length > RESPONSE_PREVIEW
    ? { ...entry, response: entry.response.slice(0, RESPONSE_PREVIEW) }
    : entry;
}
const lists = new DeltaEncoder();
let stopWatching = () => {};

port.on('message', (command: QueryCommand) => {
  if (command.type === 'watch') {
    stopWatching();
    stopWatching =
      command.pollMs > 0
        ? watchCache(cache, command.pollMs, () => {
            service.invalidate();
            port.postMessage({ type: 'changed' } satisfies QueryReply);
          })
        : () => {};
    return;
  }
  try {
    if (command.type === 'query') {
      const { entries, positions } = service.run(command.request);
      reply({
        type: 'results',
        id: command.id,
        entries: lists.encode(entries, forList),
        positions,
      });
    } else if (command.type === 'stats')
      reply({ type: 'stats', id: command.id, stats: historyStats(cache) });
    else reply({ type: 'count', id: command.id, count: service.count() });
  } catch (error) {
    reply({ type: 'failed', id: command.id, message: (error as Error).message });
  }
});
