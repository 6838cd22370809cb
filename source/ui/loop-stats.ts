/**
 * MCP_TERMINAL_LOOP_STATS=FILE: how long the UI thread was ever kept from answering, from
 * the moment the workers start until quit, written to FILE as JSON. This is how
 * `npm run bench -- tui` measures stalls in the real program.
 *
 * - maxMs, p99Ms: the event-loop delay (Node's histogram, 1 ms resolution): what a key
 *   press would wait, whatever the cause.
 * - busyMaxMs (Linux, with MCP_TERMINAL_LOOP_STATS_CPU=1): the most CPU time the UI thread
 *   itself used between two ticks of a 1 ms timer, from the kernel's per-thread accounting
 *   (/proc/thread-self/schedstat). The difference between the two is time the thread was
 *   ready but the kernel ran something else (on a small machine: the local server, the
 *   terminal, the background threads). Off by default: reading it every millisecond is
 *   itself work on the UI thread and lengthens the delays it would explain.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export type LoopStats = { start(): void; save(): void };

export function loopStats(env: NodeJS.ProcessEnv): LoopStats | null {
  const file = env['MCP_TERMINAL_LOOP_STATS'];
  if (file === undefined || file.length === 0) return null;
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const cpu = env['MCP_TERMINAL_LOOP_STATS_CPU'] === '1' && process.platform === 'linux';
  const busy = cpu ? busyTracker() : null;
  return {
    start: () => {
      histogram.enable();
      busy?.start();
    },
    save: () => {
      histogram.disable();
      const busyMaxMs = busy?.stop();
      const ms = (ns: number) => Math.round(ns / 10_000) / 100;
      writeFileSync(
        file,
        JSON.stringify({
          maxMs: ms(histogram.max),
          p99Ms: ms(histogram.percentile(99)),
          ...(busyMaxMs === undefined ? {} : { busyMaxMs: ms(busyMaxMs) }),
        }),
      );
    },
  };
}

/** Longest on-CPU time of this thread between consecutive 1 ms ticks, in ns. */
function busyTracker() {
  // First field: nanoseconds this thread has spent on a CPU.
  const onCpu = () => Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
  let timer: NodeJS.Timeout | undefined;
  let longest = 0;
  return {
    start: () => {
      let last = onCpu();
      timer = setInterval(() => {
        const now = onCpu();
        longest = Math.max(longest, now - last);
        last = now;
      }, 1);
      timer.unref();
    },
    stop: () => {
      clearInterval(timer);
      return longest;
    },
  };
}
