/**
 * The TUI as a person meets it, in a real pseudo-terminal (util-linux `script`) whose
 * output is fed to a headless xterm (@xterm/headless): the first frame from spawn, and
 * keystroke-to-frame while typing a query. A frame counts as drawn when the emulated screen
 * shows it, status line included, at the moment the bytes that completed it arrived.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import xterm from '@xterm/headless';
import { DATA_DIR, copyFixture } from './fixtures.js';
import { startSqld } from '../tests/helpers/sqld.js';
import { inWorker, measure } from './stall.js';
import { summarize } from './stats.js';

const CLI = 'dist/cli.js';
const [ROWS, COLUMNS] = [30, 120];
/** The end of the status line: a screen holding it and the pattern is a whole frame. */
// The status line's last hint: the list says "Esc quit", the other views "Esc back".
const COMPLETE = /Esc (quit|back)/;

export type Pty = {
  /** Resolves with ms since spawn when the screen matches. */
  waitFrame(pattern: RegExp, timeoutMs?: number): Promise<number>;
  write(keys: string): void;
  /** ms since spawn. */
  elapsed(): number;
  /** Resolves when the program has quit by itself. */
  readonly exited: Promise<void>;
  close(): Promise<void>;
};

export function openPty(command: string, env: NodeJS.ProcessEnv): Pty {
  const started = performance.now();
  const child: ChildProcess = spawn(
    'script',
    ['-qfec', `stty rows ${ROWS} cols ${COLUMNS}; exec ${command}`, '/dev/null'],
    { env, stdio: ['pipe', 'pipe', 'ignore'] },
  );
  const term = new xterm.Terminal({ rows: ROWS, cols: COLUMNS, allowProposedApi: true });
  const screen = () => {
    const lines: string[] = [];
    const buffer = term.buffer.active;
    for (let y = 0; y < ROWS; y++)
      lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
    return lines.join('\n');
  };
  let waiter: { pattern: RegExp; resolve(at: number): void } | null = null;
  const check = (arrived: number) => {
    if (waiter === null) return;
    const text = screen();
    if (COMPLETE.test(text) && waiter.pattern.test(text)) {
      const { resolve } = waiter;
      waiter = null;
      resolve(arrived - started);
    }
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    const arrived = performance.now();
    term.write(chunk, () => check(arrived));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    waitFrame: (pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no frame matching ${pattern} in ${timeoutMs} ms:\n${screen()}`)),
          timeoutMs,
        );
        waiter = {
          pattern,
          resolve: (at) => {
            clearTimeout(timer);
            resolve(at);
          },
        };
        check(performance.now());
      }),
    write: (keys) => child.stdin?.write(keys),
    elapsed: () => performance.now() - started,
    exited,
    close: async () => {
      child.kill('SIGKILL');
      await exited;
      term.dispose();
    },
  };
}

export function home(name: string, fixture: string | null, config?: object): string {
  const dir = join(DATA_DIR, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (fixture) copyFixture(fixture, join(name, 'cache.db'));
  if (config) writeFileSync(join(dir, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  return dir;
}

/** A person's terminal: Ink draws only the last frame when it sees CI variables. */
export function terminalEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MCP_TERMINAL_HOME: dir };
  delete env['CI'];
  delete env['CONTINUOUS_INTEGRATION'];
  delete env['TURSO_DATABASE_URL'];
  return env;
}

export const FIRST_FRAME = /type to search/;
const ms = (n: number) => `${n.toFixed(0)} ms`;

async function firstFrame(command: string, env: NodeJS.ProcessEnv) {
  const pty = openPty(command, env);
  try {
    return await pty.waitFrame(FIRST_FRAME);
  } finally {
    await pty.close();
  }
}

/** First frame from spawn: the 1M cache, an empty cache, and a bare node printing the same words. */
export async function benchFirstFrame(runs: number, fixture: string): Promise<string[]> {
  const big = home('tui-big', fixture);
  const empty = home('tui-empty', null);
  const rows: string[] = [];
  for (const [label, extra] of [
    ['environment as is', {}],
    ['NODE_EXTRA_CA_CERTS unset', { NODE_EXTRA_CA_CERTS: '' }],
  ] as const) {
    const env = (dir: string) => ({ ...terminalEnv(dir), ...extra });
    const bare = `${process.execPath} -e "process.stdout.write('type to search Esc quit')"`;
    const tui = `${process.execPath} ${CLI}`;
    await firstFrame(tui, env(big)); // warm the page cache
    const times = { big: [] as number[], empty: [] as number[], bare: [] as number[] };
    for (let i = 0; i < runs; i++) {
      times.big.push(await firstFrame(tui, env(big)));
      times.empty.push(await firstFrame(tui, env(empty)));
      times.bare.push(await firstFrame(bare, env(empty)));
    }
    const [b, e, n] = [summarize(times.big), summarize(times.empty), summarize(times.bare)];
    rows.push(
      `| ${label} | ${ms(b.p50)} / ${ms(b.p95)} | ${ms(e.p50)} / ${ms(e.p95)} | ${ms(n.p50)} / ${ms(n.p95)} |`,
    );
  }
  return rows;
}

/** What a person types, one key at a time, each after the previous key's results are drawn. */
const TYPED = ['git commit', 'docker logs', 'kubectl get pods', 'cargo test', 'pip install'];

/** Keystroke to frame on the 1M cache: the query drawn, its results drawn; `?` (no search) as the baseline. */
export async function benchKeystrokes(fixture: string): Promise<string[]> {
  const dir = home('tui-keys', fixture);
  const pty = openPty(`${process.execPath} ${CLI}`, terminalEnv(dir));
  const echo: number[] = [];
  const results: number[] = [];
  const render: number[] = [];
  try {
    // Settled: the count has arrived, nothing else is pending.
    await pty.waitFrame(/1,000,000 entries/);
    const press = async (keys: string, pattern: RegExp) => {
      const at = pty.elapsed();
      pty.write(keys);
      return (await pty.waitFrame(pattern)) - at;
    };
    for (const query of TYPED) {
      for (let i = 1; i <= query.length; i++) {
        const typed = escapeRegExp(query.slice(0, i));
        const at = pty.elapsed();
        pty.write(query[i - 1]!);
        echo.push((await pty.waitFrame(new RegExp(`\\] > ${typed}`))) - at);
        results.push(
          (await pty.waitFrame(new RegExp(`\\] > ${typed} [\\s\\S]*\\n\\d+ matches \\|`))) - at,
        );
      }
      await press('\u0015', /type to search[\s\S]*\n1,000,000 entries/); // Ctrl-U clears
      render.push(await press('?', /Keys/));
      render.push(await press('\u001b', /^(?![\s\S]*\nKeys\n)[\s\S]*type to search/));
    }
  } finally {
    await pty.close();
  }
  const [e, r, b] = [summarize(echo), summarize(results), summarize(render)];
  const row = (label: string, s: ReturnType<typeof summarize>) =>
    `| ${label} | ${s.p50.toFixed(1)} ms | ${s.p95.toFixed(1)} ms | ${s.max.toFixed(1)} ms |`;
  return [
    row(`keystroke to the query drawn (${echo.length} keys)`, e),
    row(`keystroke to its results drawn (${results.length} keys)`, r),
    row(`baseline: \`?\` / Esc to the help / list drawn, no search (${render.length} keys)`, b),
  ];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The real program on screen while it pushes `count` entries to a fresh sqld, then while a
 * new home pulls them, `rounds` times: the UI thread's longest busy stretch, from
 * MCP_TERMINAL_LOOP_STATS (event-loop delay sampled every 1 ms from the moment the workers
 * start). The bar says "never", so the worst round is the figure; the median shows how
 * typical it is. In separate rounds the program also reports the longest stretch the UI
 * thread itself spent on a CPU (the rest of a delay is the kernel running other threads). Baseline: the same background sync in-process with nothing on screen.
 */
export async function benchTuiStall(
  fixture: string,
  count: number,
  rounds: number,
): Promise<string[]> {
  const label = count.toLocaleString('en-US');
  type Round = { maxMs: number; p99Ms: number; busyMaxMs: number; seconds: number };
  const runs: Record<'push' | 'pull', Round[]> = {
    push: [],
    pull: [],
  };
  // The last rounds also read the UI thread's CPU time every 1 ms (MCP_TERMINAL_LOOP_STATS_CPU),
  // which is work on that thread: their delays are not counted with the others.
  const cpuRounds = Math.ceil(rounds / 2);
  const cpu: Record<'push' | 'pull', Round[]> = { push: [], pull: [] };
  for (let round = 0; round < rounds + cpuRounds; round++) {
    const withCpu = round >= rounds;
    const sqld = await startSqld();
    try {
      for (const [direction, from] of [
        ['push', fixture],
        ['pull', null],
      ] as const) {
        const name = `tui-stall-${direction}`;
        const dir = home(name, from, { remote: { url: sqld.url }, sync: { interval: 3_600_000 } });
        const statsFile = join(dir, 'loop.json');
        // This process is the program's terminal. Its heap is collected before each round:
        // its garbage from the rounds before, collected by V8 on both cores at normal
        // priority mid-round, once kept the UI thread from any CPU for 13 ms (kernel trace).
        (globalThis as { gc?: () => void }).gc?.();
        const pty = openPty(`${process.execPath} ${CLI}`, {
          ...terminalEnv(dir),
          MCP_TERMINAL_LOOP_STATS: statsFile,
          ...(withCpu ? { MCP_TERMINAL_LOOP_STATS_CPU: '1' } : {}),
        });
        try {
          const opened = await pty.waitFrame(FIRST_FRAME);
          const synced = await pty.waitFrame(
            new RegExp(`\\[SYNCHRONIZED\\][\\s\\S]*\\n${label} entries`),
            300_000,
          );
          pty.write('\u001b');
          await pty.exited;
          const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as Omit<Round, 'seconds'>;
          (withCpu ? cpu : runs)[direction].push({ ...stats, seconds: (synced - opened) / 1000 });
        } finally {
          await pty.close();
        }
      }
    } finally {
      await sqld.dispose();
    }
  }
  const worst = (direction: 'push' | 'pull') => {
    const all = runs[direction];
    const longest = all.reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
    return `${longest.maxMs.toFixed(1)} ms, p99 ${longest.p99Ms.toFixed(1)} ms (${longest.seconds.toFixed(1)} s)`;
  };
  const median = (of: typeof runs, direction: 'push' | 'pull', field: 'maxMs' | 'busyMaxMs') => {
    const maxima = of[direction].map((run) => run[field]).sort((a, b) => a - b);
    return `${maxima[Math.floor(maxima.length / 2)]!.toFixed(1)} ms (rounds: ${maxima.map((m) => m.toFixed(1)).join(', ')})`;
  };
  const baseline = await startSqld();
  try {
    const [push, pull] = await measure(baseline.url, fixture, 'tui-stall-baseline', inWorker);
    return [
      `| the TUI on screen (real program, pty), badge and list live: worst of ${rounds} rounds | ${worst('push')} | ${worst('pull')} |`,
      `| the same, median of the rounds' longest stalls | ${median(runs, 'push', 'maxMs')} | ${median(runs, 'pull', 'maxMs')} |`,
      `| the UI thread itself on a CPU, longest between two 1 ms ticks (${cpuRounds} more rounds, median) | ${median(cpu, 'push', 'busyMaxMs')} | ${median(cpu, 'pull', 'busyMaxMs')} |`,
      `| baseline: the same background sync in-process, nothing on screen | ${push} | ${pull} |`,
    ];
  } finally {
    await baseline.dispose();
  }
}
