/**
 * The query worker: its own cache connection and search indexes, so building an index over
 * hundreds of thousands of commands or scanning it never stalls the UI thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { historyStats } from '../../storage/history-stats.js';
import { LocalCache } from '../../storage/local-cache.js';
import type { QueryCommand, QueryReply, QueryWorkerInit } from './query-protocol.js';
import { QueryService, type QueryResults } from './query-service.js';
import { lowerThisThreadPriority } from '../../worker/thread-priority.js';

const port = parentPort;
if (port === null) throw new Error('query-worker-entry must run in a worker thread');
lowerThisThreadPriority();
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
function forList(results: QueryResults): QueryResults {
  return {
    ...results,
    entries: results.entries.map((entry) =>
      entry.response !== null && entry.response.length > RESPONSE_PREVIEW
        ? { ...entry, response: entry.response.slice(0, RESPONSE_PREVIEW) }
        : entry,
    ),
  };
}

port.on('message', (command: QueryCommand) => {
  if (command.type === 'invalidate') {
    service.invalidate();
    return;
  }
  try {
    if (command.type === 'query')
      reply({ type: 'results', id: command.id, results: forList(service.run(command.request)) });
    else if (command.type === 'stats')
      reply({ type: 'stats', id: command.id, stats: historyStats(cache) });
    else reply({ type: 'count', id: command.id, count: service.count() });
  } catch (error) {
    reply({ type: 'failed', id: command.id, message: (error as Error).message });
  }
});
