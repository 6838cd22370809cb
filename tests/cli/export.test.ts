import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';

async function homeWith(t: Parameters<typeof tempHome>[0], lines: object[]): Promise<string> {
  const home = tempHome(t);
  const input = lines.map((line) => JSON.stringify(line)).join('\n');
  assert.equal((await runCli(['record', '--stdin'], { home, input })).code, 0);
  return home;
}

test('export writes every entry oldest first as NDJSON (search --json shape) or CSV', async (t) => {
  const home = await homeWith(t, [
    {
      command: 'second, with "quotes"',
      response: 'two\nlines',
      timestamp: 2000,
      tokens: 7,
      cwd: '/home',
    },
    { command: 'first', timestamp: 1000, cwd: '/srv' },
  ]);
  const ndjson = await runCli(['export'], { home });
  assert.equal(ndjson.code, 0);
  const rows = ndjson.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  assert.deepEqual(
    rows.map((row) => [row['command'], row['timestamp'], row['tokensUsed'], row['cwd']]),
    [
      ['first', 1000, null, '/srv'],
      ['second, with "quotes"', 2000, 7, '/home'],
    ],
  );
  assert.match(ndjson.stderr, /exported 2 entries \(ndjson\)/);
  const csv = await runCli(['export', '--format', 'csv'], { home });
  const lines = csv.stdout.split('\r\n');
  assert.equal(
    lines[0],
    'uuid,timestamp,machineId,sessionId,cwd,status,tokensUsed,durationMs,command,response',
  );
  assert.match(lines[1] ?? '', /^[0-9a-f-]{36},1000,[^,]+,,\/srv,,,,first,$/);
  assert.match(csv.stdout, /,7,,"second, with ""quotes""","two\nlines"\r\n$/);
});

test('export streams: 40,000 entries through a reader that stops early, and under a small heap', async (t) => {
  const lines = Array.from({ length: 40_000 }, (_, i) => ({
    command: `cmd ${i} ${'x'.repeat(200)}`,
    timestamp: i,
  }));
  const home = await homeWith(t, lines);
  const env = { ...process.env, MCP_TERMINAL_HOME: home };
  // A reader that takes one line and leaves: a quiet exit 0, not an EPIPE trace.
  const head = spawnSync(
    'bash',
    ['-c', `node ${CLI_PATH} export | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`],
    { env, encoding: 'utf8' },
  );
  assert.equal(head.stdout.trim(), '0');
  assert.ok(!head.stderr.includes('EPIPE'), head.stderr);
  // ~9 MB of output with a 16 MB young+old heap cap would not fit if it were built whole.
  const small = spawnSync(process.execPath, ['--max-old-space-size=16', CLI_PATH, 'export'], {
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(small.status, 0, small.stderr);
  assert.equal(small.stdout.trim().split('\n').length, 40_000);
  const bad = await runCli(['export', '--format', 'xml'], { home });
  assert.deepEqual(
    [bad.code, bad.stderr.trim()],
    [2, 'mcp-terminal: export: --format expects ndjson or csv, got "xml"'],
  );
});
