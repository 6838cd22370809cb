/**
 * Background threads (the sync loop, the query worker) give way to the UI thread. On a
 * small machine the sync worker, the query worker and a local sqld all want the same cores
 * while a big sync runs; at equal priority the scheduler lets them delay a frame by tens of
 * milliseconds. Linux keeps a nice value per thread, so lowering it here touches only the
 * calling worker; elsewhere (macOS, Windows) it would slow the whole process, so it is left.
 */
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** A nice value a little below normal: background work still runs whenever the UI is idle. */
export const BACKGROUND_NICE = 10;

export function lowerThisThreadPriority(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false;
  try {
    setPriority(0, BACKGROUND_NICE);
    return true;
  } catch {
    return false; // not permitted (some containers): keep the default priority
  }
}

/**
 * Every thread of this process but the calling one (the UI thread) at the background nice:
 * V8's helper threads (garbage collection and compilation for every isolate, mostly the sync
 * worker's) and libuv's pool otherwise compete with the UI thread at equal priority. Linux
 * only, like lowerThisThreadPriority; returns how many threads were lowered.
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
        // the thread ended meanwhile, or not permitted: leave it
      }
    }
  } catch {
    // no /proc: nothing to do
  }
  return lowered;
}
