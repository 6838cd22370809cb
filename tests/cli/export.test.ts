import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
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

test('plurals: 1 entry exported, 1 entry recorded', async (t) => {
  const home = tempHome(t);
  const recorded = await runCliInProcess(['record', '--stdin'], {
    home,
    input: JSON.stringify({ command: 'only one' }),
  });
  assert.match(recorded.stderr, /^recorded 1 entry\n$/);
  assert.match(
    (await runCliInProcess(['export'], { home })).stderr,
    /^exported 1 entry \(ndjson\)/,
  );
});

/** A home with three entries, one of them changed since it was recorded. */
async function exportedHome(t: Parameters<typeof tempHome>[0]) {
  const home = tempHome(t);
  const input = [
    { command: 'git status', timestamp: 1000, cwd: '/srv', session: 's1' },
    { command: 'make', response: '- built\n- tested', timestamp: 2000, tokens: 5, duration: 300 },
    { command: 'ls', timestamp: 3000 },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n');
  const uuids = (await runCliInProcess(['record', '--stdin'], { home, input })).stdout
    .trim()
    .split('\n');
  assert.equal(
    (await runCliInProcess(['update', uuids[2] as string, '--status', 'ok'], { home })).code,
    0,
  );
  const exported = await runCliInProcess(['export'], { home });
  assert.equal(exported.code, 0, exported.stderr);
  return { home, ndjson: exported.stdout };
}

const lines = (ndjson: string) =>
  ndjson
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);

test('export | record --stdin: the same commands as new entries of this machine', async (t) => {
  const { ndjson } = await exportedHome(t);
  const other = tempHome(t);
  const result = await runCliInProcess(['record', '--stdin'], { home: other, input: ndjson });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /recorded 3 entries/);
  const before = lines(ndjson);
  const after = lines((await runCliInProcess(['export'], { home: other })).stdout);
  const content = (row: Record<string, unknown>) => {
    const { uuid, machineId, version, ...rest } = row;
    return [rest, [uuid, machineId, version]] as const;
  };
  assert.deepEqual(
    after.map((row) => content(row)[0]),
    before.map((row) => content(row)[0]),
  );
  for (const [i, row] of after.entries()) {
    assert.notEqual(row['uuid'], before[i]?.['uuid']);
    assert.notEqual(row['machineId'], before[i]?.['machineId']);
  }
});

test('import ndjson: what export wrote, identity kept, queued for sync; twice adds nothing', async (t) => {
  const { home, ndjson } = await exportedHome(t);
  const other = tempHome(t);
  const path = join(tempHome(t, 'mcp-export-'), 'history.ndjson');
  writeFileSync(path, ndjson);
  const first = await runCliInProcess(['import', 'ndjson', path], { home: other });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /^imported 3 new entries from .*history\.ndjson \(ndjson\)\n$/);
  assert.deepEqual(
    lines((await runCliInProcess(['export'], { home: other })).stdout),
    lines(ndjson),
  );
  const status = JSON.parse((await runCliInProcess(['status', '--json'], { home: other })).stdout);
  assert.equal(status.pendingUpload, 3);
  // Again, from stdin: nothing new, nothing changed.
  const again = await runCliInProcess(['import', 'ndjson', '-'], { home: other, input: ndjson });
  assert.match(again.stderr, /imported 0 new entries from stdin \(ndjson\); 3 already here/);
  assert.deepEqual(
    lines((await runCliInProcess(['export'], { home: other })).stdout),
    lines(ndjson),
  );

  // A newer version replaces; the older export then changes nothing.
  const [, , last] = lines(ndjson);
  assert.equal(
    (await runCliInProcess(['update', last?.['uuid'] as string, '--status', 'failed'], { home }))
      .code,
    0,
  );
  const newer = (await runCliInProcess(['export'], { home })).stdout;
  const updated = await runCliInProcess(['import', 'ndjson', '-'], { home: other, input: newer });
  assert.match(
    updated.stderr,
    /imported 0 new entries .*; 1 entry replaced by a newer version; 2 already here/,
  );
  const older = await runCliInProcess(['import', 'ndjson', '-'], { home: other, input: ndjson });
  assert.match(older.stderr, /; 3 already here/);
  const statuses = lines((await runCliInProcess(['export'], { home: other })).stdout).map(
    (r) => r['status'],
  );
  assert.deepEqual(statuses, [null, null, 'failed']);
});

test('import ndjson: a bad line is named, nothing is written', async (t) => {
  const { ndjson } = await exportedHome(t);
  const [a, b] = ndjson.trim().split('\n');
  const cases: [string, RegExp][] = [
    [`${a}\n${b}\n{"command":`, /line 3: not valid JSON/],
    [
      `${a}\n\n${JSON.stringify({ ...JSON.parse(b as string), uuid: 'nope' })}`,
      /line 3: command_uuid is not a uuid/,
    ],
    [
      `${a}\n${JSON.stringify({ command: 'new' })}`,
      /line 2: uuid is missing: import ndjson keeps each entry's identity/,
    ],
    [
      `${JSON.stringify({ ...JSON.parse(a as string), colour: 1 })}`,
      /line 1: unknown field "colour"/,
    ],
    [
      `${JSON.stringify({ ...JSON.parse(a as string), tokens: 1 })}`,
      /line 1: "tokensUsed" and "tokens" are the same field/,
    ],
  ];
  for (const [input, message] of cases) {
    const home = tempHome(t);
    const result = await runCliInProcess(['import', 'ndjson', '-'], { home, input });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, message);
    assert.match(result.stderr, /nothing was imported/);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.equal((await runCliInProcess(['export'], { home })).stdout, '');
  }
  const missing = await runCliInProcess(['import', 'ndjson', '/nonexistent.ndjson'], {
    home: tempHome(t),
  });
  assert.deepEqual(
    [missing.code, /cannot read \/nonexistent\.ndjson \(no such file\)/.test(missing.stderr)],
    [2, true],
  );
});
