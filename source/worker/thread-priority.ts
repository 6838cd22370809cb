/**
 * Background threads (the sync loop, the query worker) give way to the UI thread. On a
 * small machine the sync worker, the query worker and a local sqld all want the same cores
 * while a big sync runs; at equal priority the scheduler lets them delay a frame by tens of
 * milliseconds. Linux keeps a priority per thread, so lowering it here touches only the
 * calling worker; elsewhere (macOS, Windows) it would slow the whole process, so it is left.
 */
import { spawn } from 'node:child_process';
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

export type Lowered = {
  /** Threads set to the background nice. */
  readonly threads: number;
  /** Resolves true once they are in the idle scheduling class, false when that failed. */
  readonly idle: Promise<boolean>;
};

/**
 * Every thread of this process but the calling one (the UI thread) gives way to it: V8's
 * helper threads (garbage collection and compilation for every isolate, mostly the sync
 * worker's), libuv's pool and the workers. First the background nice, at once; then the
 * idle scheduling class (SCHED_IDLE), the class Linux desktop indexers use, where a thread
 * runs on what normal threads leave. A nice of 10 was not enough: in kernel traces of a
 * 100,000-entry sync those threads still took the CPU from the UI thread at a scheduler tick
 * (4 ms) at a time, and the event loop's p99 delay halved (4.2 to 2.2 ms) in the idle class.
 * The cost: while the TUI is open on a machine busy at full CPU, its sync waits for a free
 * moment. Node cannot set a scheduling class, so util-linux `chrt` does, in one child
 * process for all threads; where it is missing the nice stays. Linux only.
 */
export function lowerOtherThreadsPriority(platform: NodeJS.Platform = process.platform): Lowered {
  if (platform !== 'linux') return { threads: 0, idle: Promise.resolve(false) };
  const tids: string[] = [];
  try {
    for (const name of readdirSync('/proc/self/task')) {
      const tid = Number(name);
      if (tid === process.pid) continue; // the main thread's id is the process id
      try {
        if (getPriority(tid) < BACKGROUND_NICE) setPriority(tid, BACKGROUND_NICE);
        tids.push(name);
      } catch {
        // the thread ended meanwhile, or not permitted: leave it
      }
    }
  } catch {
    // no /proc: nothing to do
  }
  return { threads: tids.length, idle: tids.length > 0 ? idleClass(tids) : Promise.resolve(false) };
}

function idleClass(tids: readonly string[]): Promise<boolean> {
  return new Promise((resolve) => {
    // The ids are passed as arguments, never spliced into the script. A thread that ended
    // meanwhile makes its chrt fail; the others are still set.
    const child = spawn(
      'sh',
      ['-c', 'ok=0; for t do chrt --idle --pid 0 "$t" || ok=1; done; exit $ok', 'sh', ...tids],
      { stdio: 'ignore' },
    );
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
    child.unref();
  });
}
