/**
 * Background threads give way to the UI thread: the workers lower themselves, and the UI
 * thread lowers every other thread of the process (V8's helpers, libuv's pool). Read back
 * from the kernel's own per-thread view (/proc/self/task/TID/stat, field 19 is the nice).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import {
  BACKGROUND_NICE,
  lowerOtherThreadsPriority,
  lowerThisThreadPriority,
} from '../../source/worker/thread-priority.js';

function niceOf(tid: string): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}

test('elsewhere than Linux nothing is changed', () => {
  assert.equal(lowerThisThreadPriority('darwin'), false);
  assert.equal(lowerOtherThreadsPriority('win32'), 0);
});

test('every thread but the calling one ends at the background nice', async () => {
  if (process.platform !== 'linux') {
    assert.equal(lowerOtherThreadsPriority(), 0); // per-thread nice is Linux's alone
    return;
  }
  // A worker that is alive while the threads are lowered, like the sync worker.
  const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
  await new Promise((resolve) => worker.once('online', resolve));
  try {
    const lowered = lowerOtherThreadsPriority();
    const threads = readdirSync('/proc/self/task');
    assert.ok(lowered >= 2, `lowered ${lowered} of ${threads.length} threads`);
    for (const tid of threads) {
      if (Number(tid) === process.pid)
        assert.equal(niceOf(tid), 0, 'the UI thread keeps its priority');
      else assert.equal(niceOf(tid), BACKGROUND_NICE, `thread ${tid}`);
    }
  } finally {
    await worker.terminate();
  }
});
