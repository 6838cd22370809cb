/**
 * The sync worker thread: owns its own cache connection and the sync loop, and speaks the
 * typed protocol with the UI thread. Kept thin: the work is in SyncLoop and sync/.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LocalCache } from '../storage/local-cache.js';
import type { WorkerCommand, WorkerEvent, WorkerInit } from './protocol.js';
import { SyncLoop } from './sync-loop.js';

const init = workerData as WorkerInit;
const port = parentPort;
if (port === null) throw new Error('worker-entry must run in a worker thread');

const emit = (event: WorkerEvent) => port.postMessage(event);
const cache = LocalCache.open(init.config.cachePath);
const loop = new SyncLoop({ config: init.config, cache, owner: init.owner, emit });

port.on('message', (command: WorkerCommand) => {
  switch (command.type) {
    case 'syncNow':
      void loop.syncNow();
      break;
    case 'localWrite':
      loop.localWrite();
      break;
    case 'pause':
      loop.pause();
      break;
    case 'resume':
      loop.resume();
      break;
    case 'configure':
      loop.configure(command.sync);
      break;
    case 'stop':
      void loop.stop().then(() => {
        cache.close();
        emit({ type: 'stopped' });
        port.close();
      });
      break;
    case 'crash':
      if (init.testHooks) throw new Error('crash requested by a test');
      break;
  }
});

emit({ type: 'ready' });
loop.start();
