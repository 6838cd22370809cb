/**
 * Background threads give way to the UI thread: the workers lower themselves, and the UI
 * thread lowers every other thread of the process (V8's helpers, libuv's pool, the workers)
 * to the background nice and then the idle scheduling class. Read back from the kernel's
 * own per-thread view (/proc/self/task/TID/stat: field 19 is the nice, 41 the policy).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import {
  BACKGROUND_NICE,
  lowerOtherThreadsPriority,
  lowerThisThreadPriority,
} from '../../source/worker/thread-priority.js';

const SCHED_OTHER = 0;
const SCHED_IDLE = 5;

function statOf(tid: string): { nice: number; policy: number } {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { nice: Number(fields[16]), policy: Number(fields[38]) };
}

test('elsewhere than Linux nothing is changed', async () => {
  assert.equal(lowerThisThreadPriority('darwin'), false);
  const lowered = lowerOtherThreadsPriority('win32');
  assert.equal(lowered.threads, 0);
  assert.equal(await lowered.idle, false);
});

test('every thread but the calling one ends at the background nice, in the idle class', async () => {
  if (process.platform !== 'linux') {
    assert.equal(lowerOtherThreadsPriority().threads, 0); // per-thread priority is Linux's alone
    return;
  }
  // A worker that is alive while the threads are lowered, like the sync worker.
  const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
  await new Promise((resolve) => worker.once('online', resolve));
  try {
    const lowered = lowerOtherThreadsPriority();
    const threads = readdirSync('/proc/self/task');
    assert.ok(lowered.threads >= 2, `lowered ${lowered.threads} of ${threads.length} threads`);
    const chrt = spawnSync('chrt', ['--version']).status === 0;
    assert.equal(await lowered.idle, chrt, 'idle class set wherever chrt exists');
    for (const tid of threads) {
      const { nice, policy } = statOf(tid);
      if (Number(tid) === process.pid) {
        assert.deepEqual({ nice, policy }, { nice: 0, policy: SCHED_OTHER }, 'the UI thread');
      } else {
        assert.equal(nice, BACKGROUND_NICE, `thread ${tid}`);
        assert.equal(policy, chrt ? SCHED_IDLE : SCHED_OTHER, `thread ${tid}`);
      }
    }
  } finally {
    await worker.terminate();
  }
});
