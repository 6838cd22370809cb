/**
 * Whole-process figures for the built binary: start-up of `status`, and bulk
 * `record --stdin` throughput into a fresh home.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from './fixtures.js';
import { generateHistory } from './generate.js';
import { summarize } from './stats.js';

const CLI = 'dist/cli.js';

function timeRuns(args: string[], runs: number, env: NodeJS.ProcessEnv): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - start);
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
  }
  return times;
}

export function benchStartup(runs: number, cachePath: string): string[] {
  const home = join(DATA_DIR, 'startup-home');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  spawnSync('cp', [cachePath, join(home, 'cache.db')]);
  const rows: string[] = [];
  // This machine sets NODE_EXTRA_CA_CERTS, which costs Node ~45 ms before any code runs;
  // report with and without it so the figure is comparable elsewhere.
  for (const [label, extra] of [
    ['environment as is', {}],
    ['NODE_EXTRA_CA_CERTS unset', { NODE_EXTRA_CA_CERTS: '' }],
  ] as const) {
    const env = { ...process.env, MCP_TERMINAL_HOME: home, ...extra };
    timeRuns([CLI, 'status'], 3, env); // warm the page cache
    const status = summarize(timeRuns([CLI, 'status', '--json'], runs, env));
    const bare = summarize(timeRuns(['-e', '0'], runs, env));
    rows.push(
      `| \`mcp-terminal status --json\` (1M cache), ${label} | ${status.p50.toFixed(0)} ms | ${status.p95.toFixed(0)} ms | \`node -e 0\`: ${bare.p50.toFixed(0)} ms |`,
    );
  }
  return rows;
}

export function benchBulkRecord(count: number): string[] {
  const home = join(DATA_DIR, 'bulk-home');
  rmSync(home, { recursive: true, force: true });
  const lines: string[] = [];
  for (const entry of generateHistory(count, Math.floor(count / 20), 7)) {
    lines.push(
      JSON.stringify({
        command: entry.command,
        response: entry.response,
        session: entry.session,
        cwd: entry.cwd,
        timestamp: entry.timestamp,
        tokens: entry.tokens,
      }),
    );
  }
  const input = lines.join('\n');
  const start = performance.now();
  const result = spawnSync(process.execPath, [CLI, 'record', '--stdin'], {
    env: { ...process.env, MCP_TERMINAL_HOME: home },
    input,
    maxBuffer: 1024 * 1024 * 1024,
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`record --stdin failed: ${result.stderr}`);
  return [
    `| \`record --stdin\`, ${count.toLocaleString('en')} NDJSON lines into a new home | ${seconds.toFixed(1)} s | ${Math.round(count / seconds).toLocaleString('en')} entries/s | ${(input.length / 1e6).toFixed(0)} MB input |`,
  ];
}

/**
 * `import bash` of a 1,000,000-line timed history (each command after its `#epoch` line)
 * into a new home; baseline: `record --stdin` of the same commands as NDJSON, same run.
 */
export function benchImport(count: number): string[] {
  const lines: string[] = [];
  const ndjson: string[] = [];
  for (const entry of generateHistory(count, Math.floor(count / 20), 11)) {
    const command = entry.command.replace(/\n/g, ' ');
    lines.push(`#${Math.floor(entry.timestamp / 1000)}`, command);
    ndjson.push(JSON.stringify({ command, timestamp: entry.timestamp }));
  }
  const historyFile = join(DATA_DIR, 'import-bash_history');
  writeFileSync(historyFile, `${lines.join('\n')}\n`);
  const time = (name: string, args: string[], input?: string) => {
    const home = join(DATA_DIR, name);
    rmSync(home, { recursive: true, force: true });
    const start = performance.now();
    const result = spawnSync(process.execPath, [CLI, ...args], {
      env: { ...process.env, MCP_TERMINAL_HOME: home },
      ...(input === undefined ? {} : { input }),
      maxBuffer: 1024 * 1024 * 1024,
    });
    if (result.status !== 0) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
    return (performance.now() - start) / 1000;
  };
  const imported = time('import-home', ['import', 'bash', historyFile]);
  const recorded = time('import-baseline-home', ['record', '--stdin'], ndjson.join('\n'));
  const rate = (s: number) => `${Math.round(count / s).toLocaleString('en')} entries/s`;
  return [
    `| \`import bash\`, ${count.toLocaleString('en')} timed commands into a new home | ${imported.toFixed(1)} s | ${rate(imported)} |`,
    `| baseline: \`record --stdin\`, the same commands as NDJSON | ${recorded.toFixed(1)} s | ${rate(recorded)} |`,
  ];
}
