/**
 * `record` from other terminals while the TUI pulls 100,000 entries on a machine whose cores
 * are saturated by other processes (busy loops at normal priority). A TUI thread that holds
 * SQLite's write lock while it waits for a CPU keeps every `record` waiting with it. Each
 * `record` is its own process, one after another; measured: its whole-process time, its exit
 * code, and (MCP_TERMINAL_LOCK_STATS) the time from its BEGIN IMMEDIATE to its commit, the
 * wait for the lock included. A pull that ends is started again in a new empty home, so the
 * records meet a pull throughout. Baselines in the same run, under the same load: a plain
 * `mcp-terminal sync` pulling (one normal-priority process), and nothing pulling.
 *
 * Two scheduling layouts. Linux's autogroup gives each session (a terminal tab) its own
 * share of the CPU: the TUI in its own pty session competes as one group with the busy
 * loops. Where sessions are not separated (autogroup off, or a whole terminal app in one
 * cgroup), its threads compete with each busy loop: the TUI then runs in the benchmark's
 * session, its terminal opened as a plain file instead of as its controlling terminal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CacheSyncStore } from '../source/storage/cache-sync-store.js';
import { LibsqlRemote } from '../source/storage/libsql-remote.js';
import { LocalCache } from '../source/storage/local-cache.js';
import { openReadOnly } from '../source/storage/sqlite-file.js';
import { SyncManager } from '../source/sync/sync-manager.js';
import { startSqld } from '../tests/helpers/sqld.js';
import { cacheFixture, copyFixture } from './fixtures.js';
import { summarize } from './stats.js';
import { FIRST_FRAME, home, openPty, terminalEnv, type Pty } from './tui.js';

const CLI = 'dist/cli.js';
/** Records in a phase stop after this long (or at the count asked for). */
const RECORDS_MS = 50_000;
/** A busy loop ends by itself after this long, even if this process is killed. */
const BUSY_MS = 180_000;

type Layout = 'group' | 'session';
type What = 'tui' | 'sync' | 'none';

/** What runs beside the records, baselines first. */
const PHASES: readonly { what: What; layout: Layout; label: string }[] = [
  { what: 'none', layout: 'group', label: 'baseline: nothing pulls' },
  {
    what: 'sync',
    layout: 'group',
    label: 'baseline: `mcp-terminal sync` pulls, in the scheduling group of the load',
  },
  { what: 'tui', layout: 'group', label: 'the TUI pulls, in the scheduling group of the load' },
  { what: 'tui', layout: 'session', label: 'the TUI pulls, in its own session (autogroup)' },
];

/** Every child still running: killed when a phase ends, and at exit whatever happens. */
const running = new Set<ChildProcess>();
function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}
const killAll = () => {
  for (const child of running) child.kill('SIGKILL');
};

/** `n` processes spinning at normal priority. */
function saturate(n: number): void {
  const spin = `const end = Date.now() + ${BUSY_MS}; while (Date.now() < end);`;
  for (let i = 0; i < n; i++) track(spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }));
}

/** Resolves once `child` has exited; kills it after `ms`. */
function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Something pulling into `dir` (or nothing), and how far it got. */
type Puller = {
  readonly dir: string;
  /** Entries merged so far (the cache's pull cursor). */
  pulled(): number;
  /** The program ended by itself. */
  ended(): boolean;
  /** Ends it; the TUI says its UI thread's longest stall (MCP_TERMINAL_LOOP_STATS). */
  stop(): Promise<number | null>;
};

/** Starts the TUI on a new pty, in this process's session (`group`) or its own. */
async function openTui(layout: Layout, dir: string, env: NodeJS.ProcessEnv) {
  if (layout === 'session') return { pty: openPty(`${process.execPath} ${CLI}`, env), child: null };
  // The pty's session holds only `sleep`; the TUI, started from here, shares this process's
  // session and scheduling group with the busy loops.
  const ttyFile = join(dir, 'tty');
  const pty = openPty(`sh -c 'tty > ${ttyFile} && exec sleep 600'`, env);
  let tty = '';
  for (let i = 0; i < 500 && tty === ''; i++) {
    await sleep(20);
    tty = existsSync(ttyFile) ? readFileSync(ttyFile, 'utf8').trim() : '';
  }
  const fd = openSync(tty, 'r+');
  const child = track(spawn(process.execPath, [CLI], { env, stdio: [fd, fd, fd] }));
  closeSync(fd);
  return { pty, child };
}

async function startPuller(what: What, layout: Layout, name: string, url: string) {
  const dir = home(name, null, { remote: { url }, sync: { interval: 3_600_000 } });
  chmodSync(dir, 0o700); // else every command warns that others can read it
  const cachePath = join(dir, 'cache.db');
  LocalCache.open(cachePath).close();
  const db = openReadOnly(cachePath);
  const cursor = db.prepare("SELECT value FROM sync_metadata WHERE key = 'pull_cursor'").pluck();
  const loopFile = join(dir, 'loop.json');
  const env = { ...terminalEnv(dir), MCP_TERMINAL_LOOP_STATS: loopFile };
  let child: ChildProcess | null = null;
  let pty: Pty | null = null;
  const stop = async () => {
    pty?.write('\u001b');
    if (child !== null) await exited(child, what === 'tui' ? 10_000 : 0);
    else if (pty !== null) await Promise.race([pty.exited, sleep(10_000)]);
    await pty?.close();
    db.close();
  };
  try {
    if (what === 'sync') {
      // detached: its own session, as if run from another terminal
      const detached = layout === 'session';
      child = track(spawn(process.execPath, [CLI, 'sync'], { env, stdio: 'ignore', detached }));
    } else if (what === 'tui') {
      ({ pty, child } = await openTui(layout, dir, env));
      await pty.waitFrame(FIRST_FRAME, 60_000);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const puller: Puller = {
    dir,
    pulled: () => Number(cursor.get() ?? 0),
    ended: () => child !== null && child.exitCode !== null,
    stop: async () => {
      await stop();
      const uiMs =
        what === 'tui' && existsSync(loopFile)
          ? (JSON.parse(readFileSync(loopFile, 'utf8')) as { maxMs: number }).maxMs
          : null;
      rmSync(dir, { recursive: true, force: true }); // a pull's WAL reaches a few hundred MB
      return uiMs;
    },
  };
  return puller;
}

type Lock = { readonly ms: number; readonly waitMs: number };
type Sample = { ms: number; code: number; pid: number; lock: Lock | null; stderr: string };

/** One `record` process, timed from spawn to exit. */
function record(dir: string, statsFile: string, i: number): Promise<Sample> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = track(
      spawn(process.execPath, [CLI, 'record', '--command', `echo saturation ${i}`], {
        env: { ...terminalEnv(dir), MCP_TERMINAL_LOCK_STATS: statsFile },
        stdio: ['ignore', 'ignore', 'pipe'],
      }),
    );
    let stderr = '';
    let ms = 0;
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.once('exit', () => (ms = performance.now() - started));
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ ms, code: code ?? -1, pid: child.pid ?? 0, lock: null, stderr });
    });
  });
}

/** The lock times the records wrote, by pid. */
function lockTimes(statsFile: string): Map<number, Lock> {
  if (!existsSync(statsFile)) return new Map();
  const lines = readFileSync(statsFile, 'utf8').split('\n').filter(Boolean);
  return new Map(
    lines.map((line) => {
      const { pid, ms, waitMs } = JSON.parse(line) as Lock & { pid: number };
      return [pid, { ms, waitMs }];
    }),
  );
}

type Phase = {
  readonly samples: Sample[];
  /** Records that began and ended while a pull was under way. */
  during: number;
  /** Seconds each completed pull took, from its start. */
  readonly pulls: number[];
  /** How far the last pull got. */
  partial: number;
  /** The TUI's UI thread: longest stall of each run. */
  readonly uiMs: number[];
};

/** One phase: the load, something pulling (restarted when a pull is done), records meanwhile. */
async function phase(what: What, layout: Layout, url: string, count: number, records: number) {
  const tag = `saturation-${layout}-${what}`;
  const statsFile = join(home(`${tag}-stats`, null), 'lock.ndjson');
  const result: Phase = { samples: [], during: 0, pulls: [], partial: 0, uiMs: [] };
  let pullers = 0;
  let current: { puller: Puller; started: number } | null = null;
  const stop = async () => {
    const uiMs = await current?.puller.stop();
    if (uiMs !== undefined && uiMs !== null) result.uiMs.push(uiMs);
    current = null;
  };
  const next = async () => {
    const started = performance.now();
    const puller = await startPuller(what, layout, `${tag}-${pullers++}`, url);
    current = { puller, started };
    // Records start once the pull has (or after 20 s: a starved pull may not start at all).
    for (let i = 0; i < 200 && what !== 'none' && puller.pulled() === 0; i++) await sleep(100);
    return current;
  };
  const pulling = (puller: Puller) => what !== 'none' && puller.pulled() < count && !puller.ended();
  saturate(cpus().length + 1);
  try {
    let { puller, started } = await next();
    const deadline = performance.now() + RECORDS_MS;
    for (let i = 0; i < records && performance.now() < deadline; i++) {
      if (what !== 'none' && !pulling(puller)) {
        result.pulls.push((performance.now() - started) / 1000);
        await stop();
        ({ puller, started } = await next());
      }
      const before = pulling(puller);
      result.samples.push(await record(puller.dir, statsFile, i));
      if (before && pulling(puller)) result.during++;
    }
    result.partial = puller.pulled();
  } finally {
    await stop();
    killAll();
  }
  const locks = lockTimes(statsFile);
  for (const sample of result.samples) sample.lock = locks.get(sample.pid) ?? null;
  return result;
}

/** A server holding `count` entries nobody here has pulled yet. */
async function fillServer(url: string, count: number): Promise<void> {
  const cache = LocalCache.open(
    copyFixture(cacheFixture(count, count / 5), 'saturation-source.db'),
  );
  const remote = new LibsqlRemote({ url, authToken: null });
  const local = new CacheSyncStore(cache);
  await new SyncManager({ local, remote, batchSize: 100, retryAttempts: 3 }).sync();
  remote.close();
  cache.close();
}

const spread = (values: number[], digits: number) => {
  if (values.length === 0) return 'n/a';
  const s = summarize(values);
  return `${s.p50.toFixed(digits)} / ${s.p99.toFixed(digits)} / ${s.max.toFixed(digits)} ms`;
};

function row(label: string, what: What, run: Phase, count: number): string {
  const failed = run.samples.filter((s) => s.code !== 0);
  const reasons = new Map<string, number>();
  for (const { code, stderr } of failed) {
    const reason = `exit ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  for (const [reason, n] of reasons) process.stderr.write(`${label}: ${n} x ${reason}\n`);
  const locks = run.samples.flatMap((s) => (s.lock === null ? [] : [s.lock]));
  const whole = run.samples.map((s) => s.ms);
  const n = (value: number) => value.toLocaleString('en');
  const pulls = run.pulls.map((s) => `${s.toFixed(0)} s`).join(', ');
  const pulled =
    what === 'none'
      ? '-'
      : `${run.pulls.length} done${pulls ? ` (${pulls})` : ''}, then ${n(run.partial)} of ${n(count)}` +
        (run.uiMs.length > 0 ? `; UI thread's longest stall ${Math.max(...run.uiMs)} ms` : '');
  const during = what === 'none' ? '' : ` (${run.during} during a pull)`;
  const lock = spread(
    locks.map((l) => l.ms),
    1,
  );
  const waits = summarize(locks.map((l) => l.waitMs));
  const waiting = locks.length ? `${waits.p99.toFixed(1)} / ${waits.max.toFixed(1)} ms` : 'n/a';
  return `| ${label} | ${run.samples.length}${during} | ${failed.length} | ${lock} | ${waiting} | ${spread(whole, 0)} | ${pulled} |`;
}

/**
 * The phases above against one sqld holding `count` entries, each with `cores + 1` busy
 * loops and up to `records` records; markdown rows.
 */
export async function benchSaturation(count: number, records: number): Promise<string[]> {
  process.once('exit', killAll);
  const sqld = await startSqld();
  const rows: string[] = [];
  try {
    await fillServer(sqld.url, count);
    await record(home('saturation-warm', null), join('.bench-data', 'warm.ndjson'), 0);
    for (const { what, layout, label } of PHASES) {
      const run = await phase(what, layout, sqld.url, count, records);
      rows.push(row(label, what, run, count));
    }
  } finally {
    killAll();
    process.off('exit', killAll);
    await sqld.dispose();
  }
  return rows;
}
