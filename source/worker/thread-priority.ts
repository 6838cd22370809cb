/**
 * Helper threads give way to the UI thread; the threads that take SQLite's write lock do
 * not. Linux keeps a priority per thread, so lowering one touches only that thread;
 * elsewhere (macOS, Windows) it would slow the whole process, so it is left.
 *
 * Lowered to nice 10: V8's helper threads (garbage collection and compilation for every
 * isolate, mostly the sync worker's) and libuv's pool. They had used ~1 s of CPU at normal
 * priority during a 100,000-entry sync, taking it from the UI thread.
 *
 * Kept at the UI thread's priority: the sync worker (it merges pulled pages and renews its
 * lease inside IMMEDIATE transactions) and the query worker (it catches the search stats up
 * in one). A thread that waits for a CPU while it holds the write lock keeps every `record`
 * of every terminal waiting with it. Not the idle class (SCHED_IDLE) either, for any thread:
 * with other processes busy on every core, a thread of that class gets no CPU at all, and
 * whatever waits on it waits as long. Measured with the load in the TUI's scheduling group
 * (`npm run bench -- saturation`): `record` held up to 1.7 s by the sync worker (or no pull
 * at all), and the UI thread itself stopped for 1.3 to 3.8 s, most likely waiting inside a
 * garbage collection for V8 helpers of that class. An unprivileged thread cannot leave the
 * class again (RLIMIT_NICE), so it cannot be left just while a transaction is open.
 */
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** A nice value a little below normal: helper threads still run whenever the UI is idle. */
export const BACKGROUND_NICE = 10;

/**
 * Lowers every thread of this process that exists now, but the calling one (the UI thread),
 * to the background nice: V8's helpers, libuv's pool. Call it before starting the workers:
 * a new thread starts at the priority of the thread that creates it, so they keep the UI
 * thread's. Returns how many threads were lowered; 0 elsewhere than Linux.
 */
export function lowerOtherThreadsPriority(platform: NodeJS.Platform = process.platform): number {
  if (platform !== 'linux') return 0;
  let lowered = 0;
  try {
    for (const name of readdirSync('/proc/self/task')) {
      const tid = Number(name);
      if (tid === process.pid) continue; // the main thread's id is the process id
      try {
        if (getPriority(tid) < BACKGROUND_NICE) setPriority(tid, BACKGROUND_NICE);
        lowered++;
      } catch {
        // the thread ended meanwhile, or not permitted (some containers): leave it
      }
    }
  } catch {
    // no /proc: nothing to do
  }
  return lowered;
}
