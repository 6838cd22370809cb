/**
 * Helper threads give way to the UI thread, the workers do not: the UI thread lowers every
 * other thread that exists (V8's helpers, libuv's pool) to the background nice, and a
 * worker started afterwards keeps the UI thread's priority, since it takes SQLite's write
 * lock. No thread is put in the idle class. Read back from the kernel's own per-thread view
 * (/proc/self/task/TID/stat: field 19 is the nice, 41 the policy).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { BACKGROUND_NICE, lowerOtherThreadsPriority } from '../../source/worker/thread-priority.js';

const SCHED_OTHER = 0;

function statOf(tid: string): { nice: number; policy: number } {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { nice: Number(fields[16]), policy: Number(fields[38]) };
}

async function startWorker(): Promise<Worker> {
  const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
  await new Promise((resolve) => worker.once('online', resolve));
  return worker;
}

test('elsewhere than Linux nothing is changed', () => {
  assert.equal(lowerOtherThreadsPriority('darwin'), 0);
  assert.equal(lowerOtherThreadsPriority('win32'), 0);
});

test('threads that exist are lowered, a worker started afterwards keeps the UI thread priority', async () => {
  if (process.platform !== 'linux') {
    assert.equal(lowerOtherThreadsPriority(), 0); // per-thread priority is Linux's alone
    return;
  }
  const before = await startWorker();
  let after: Worker | undefined;
  try {
    const lowered = lowerOtherThreadsPriority();
    const existing = readdirSync('/proc/self/task');
    assert.ok(lowered >= 2, `lowered ${lowered} of ${existing.length} threads`);
    for (const tid of existing) {
      const { nice, policy } = statOf(tid);
      const expected = Number(tid) === process.pid ? 0 : BACKGROUND_NICE;
      assert.deepEqual({ nice, policy }, { nice: expected, policy: SCHED_OTHER }, `thread ${tid}`);
    }

    after = await startWorker();
    const started = readdirSync('/proc/self/task').filter((tid) => !existing.includes(tid));
    assert.ok(started.length >= 1, 'the new worker has a thread');
    for (const tid of started)
      assert.deepEqual(statOf(tid), { nice: 0, policy: SCHED_OTHER }, `new thread ${tid}`);
  } finally {
    await before.terminate();
    await after?.terminate();
  }
});
