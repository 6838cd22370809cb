/**
 * The query worker: its own cache connection and search indexes, so building an index over
 * hundreds of thousands of commands or scanning it never stalls the UI thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LocalCache } from '../../storage/local-cache.js';
import type { QueryCommand, QueryReply, QueryWorkerInit } from './query-protocol.js';
import { QueryService } from './query-service.js';

const port = parentPort;
if (port === null) throw new Error('query-worker-entry must run in a worker thread');
const init = workerData as QueryWorkerInit;
const cache = LocalCache.open(init.cachePath);
const service = new QueryService(cache);
const reply = (message: QueryReply) => port.postMessage(message);

port.on('message', (command: QueryCommand) => {
  if (command.type === 'invalidate') {
    service.invalidate();
    return;
  }
  try {
    if (command.type === 'query')
      reply({ type: 'results', id: command.id, results: service.run(command.request) });
    else reply({ type: 'count', id: command.id, count: service.count() });
  } catch (error) {
    reply({ type: 'failed', id: command.id, message: (error as Error).message });
  }
});
