import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One clear line on stderr, nothing on stdout, the given exit code. */
function assertOneLineError(
  result: { code: number | null; stdout: string; stderr: string },
  code: number,
  pattern: RegExp,
) {
  assert.equal(result.code, code, result.stderr);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0]!, /^mcp-terminal: /);
  assert.match(lines[0]!, pattern);
  assert.ok(!/\n\s+at /.test(result.stderr), 'no stack trace');
}

describe('record, search, status (the done-means path)', () => {
  test('a recorded command is found by search --json and shows as pending', async (t) => {
    const home = tempHome(t);
    const recorded = await runCli(
      ['record', '--command', 'git status', '--response', 'clean', '--tokens', '7'],
      {
        home,
        env: { MCP_TERMINAL_SESSION: 'sess-1' },
      },
    );
    assert.equal(recorded.code, 0, recorded.stderr);
    const uuid = recorded.stdout.trim();
    assert.match(uuid, UUID);

    const found = await runCli(['search', 'git', '--json'], { home });
    assert.equal(found.code, 0, found.stderr);
    const entries = JSON.parse(found.stdout) as Record<string, unknown>[];
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!['uuid'], uuid);
    assert.equal(entries[0]!['command'], 'git status');
    assert.equal(entries[0]!['response'], 'clean');
    assert.equal(entries[0]!['tokensUsed'], 7);
    assert.equal(entries[0]!['sessionId'], 'sess-1');
    assert.equal(entries[0]!['cwd'], process.cwd());

    const status = await runCli(['status', '--json'], { home });
    assert.equal(status.code, 0, status.stderr);
    const report = JSON.parse(status.stdout) as Record<string, unknown>;
    // No remote: the state says so (as the TUI's badge does); the entry still counts as pending.
    assert.equal(report['state'], 'LOCAL_ONLY');
    assert.equal(report['pendingUpload'], 1);
    const withRemote = await runCli(['status', '--json'], {
      home,
      env: { TURSO_DATABASE_URL: 'http://127.0.0.1:9' },
    });
    assert.equal(JSON.parse(withRemote.stdout)['state'], 'PENDING_UPLOAD', withRemote.stderr);
    assert.equal(report['conflicts'], 0);
    assert.equal(report['lastSyncedAt'], null);
    assert.match(String(report['machineId']), /.+-[0-9a-f]{8}$/);
  });

  test('a fresh home without a remote is LOCAL_ONLY with nothing pending, and status text is readable', async (t) => {
    const home = tempHome(t);
    const status = await runCli(['status'], { home });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^state:\s+LOCAL_ONLY$/m);
    assert.match(status.stdout, /^pending upload:\s+0$/m);
    assert.match(status.stdout, /^remote:\s+none \(local only\)$/m);
  });

  test('status never shows the auth token, from env or file', async (t) => {
    const home = tempHome(t);
    const token = 'eyJhbGciOiJFZERTQSJ9.secret-part.signature';
    const env = {
      TURSO_DATABASE_URL: `https://db.example.com/?authToken=${token}`,
      TURSO_AUTH_TOKEN: token,
    };
    for (const args of [['status'], ['status', '--json'], ['config', 'show']]) {
      const result = await runCli(args, { home, env });
      assert.equal(result.code, 0, result.stderr);
      assert.ok(
        !result.stdout.includes('secret-part') && !result.stderr.includes('secret-part'),
        args.join(' '),
      );
    }
  });
});

describe('record --stdin (NDJSON bulk)', () => {
  test('records every line and prints one uuid per line, in order', async (t) => {
    const home = tempHome(t);
    const input = [
      JSON.stringify({ command: 'ls -la', timestamp: 1000 }),
      '',
      JSON.stringify({
        command: 'cat README.md',
        response: '# hi',
        status: 'ok',
        tokens: 3,
        session: 's',
        cwd: '/r',
        timestamp: 2000,
      }),
    ].join('\n');
    const result = await runCli(['record', '--stdin'], { home, input });
    assert.equal(result.code, 0, result.stderr);
    const uuids = result.stdout.trim().split('\n');
    assert.equal(uuids.length, 2);
    for (const uuid of uuids) assert.match(uuid, UUID);
    assert.match(result.stderr, /recorded 2 entries/);
    const listed = JSON.parse((await runCli(['search', '--json'], { home })).stdout) as {
      uuid: string;
      command: string;
      timestamp: number;
    }[];
    assert.deepEqual(
      listed.map((e) => [e.uuid, e.command, e.timestamp]),
      [
        [uuids[1], 'cat README.md', 2000],
        [uuids[0], 'ls -la', 1000],
      ],
    );
  });

  const badLines: [string, string, RegExp][] = [
    ['invalid JSON', '{"command": "a"}\n{"command": ', /line 2: not valid JSON/],
    [
      'a wrong type',
      '{"command": "a"}\n{"command": 5}',
      /line 2: command: expected a string, got number/,
    ],
    [
      'an unknown field',
      '{"command": "a"}\n\n{"command": "b", "colour": 1}',
      /line 3: unknown field "colour"/,
    ],
    [
      'negative tokens',
      '{"command": "a", "tokens": -3}',
      /line 1: tokens: expected a whole number >= 0/,
    ],
    ['not an object', '["command"]', /line 1: expected a JSON object/],
    ['an empty command', '{"command": ""}', /line 1: command: expected a non-empty string/],
  ];
  for (const [name, input, pattern] of badLines) {
    test(`${name}: one clear error with the line number, nothing written`, async (t) => {
      const home = tempHome(t);
      const result = await runCli(['record', '--stdin'], { home, input });
      assertOneLineError(result, 2, pattern);
      assert.match(result.stderr, /nothing was recorded/);
      const listed = await runCli(['search', '--json'], { home });
      assert.deepEqual(JSON.parse(listed.stdout), []);
    });
  }
});

describe('update and delete', () => {
  test('update changes fields as a new version; delete removes the entry from search', async (t) => {
    const home = tempHome(t);
    const uuid = (await runCli(['record', '--command', 'make deploy'], { home })).stdout.trim();
    const updated = await runCli(['update', uuid, '--status', 'failed', '--tokens', '12'], {
      home,
    });
    assert.equal(updated.code, 0, updated.stderr);
    const [entry] = JSON.parse(
      (await runCli(['search', 'deploy', '--json'], { home })).stdout,
    ) as Record<string, unknown>[];
    assert.equal(entry!['status'], 'failed');
    assert.equal(entry!['tokensUsed'], 12);
    const deleted = await runCli(['delete', uuid], { home });
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.deepEqual(JSON.parse((await runCli(['search', '--json'], { home })).stdout), []);
    const status = JSON.parse((await runCli(['status', '--json'], { home })).stdout) as Record<
      string,
      unknown
    >;
    assert.equal(status['pendingUpload'], 3, 'insert, update and delete are all queued');
  });

  test('a uuid that does not exist is exit 3 with one line', async (t) => {
    const home = tempHome(t);
    assertOneLineError(
      await runCli(['update', 'nope', '--status', 'x'], { home }),
      3,
      /no entry nope/,
    );
    assertOneLineError(await runCli(['delete', 'nope'], { home }), 3, /no entry nope/);
  });
});

describe('bad arguments', () => {
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /unknown verb "frobnicate"; verbs: record, update/],
    [['record'], /record: --command is required/],
    [
      ['record', '--command'],
      /record: .*--command.*argument missing|record: Option '--command <value>' argument missing/,
    ],
    [['record', '--command', 'x', '--colour', 'red'], /record: unknown option --colour;/],
    [
      ['record', '--command', 'x', '--tokens', 'many'],
      /record: --tokens expects a whole number from 0/,
    ],
    [['record', '--command', 'x', '--stdin'], /give either --command or --stdin/],
    [['update'], /update: expects one UUID/],
    [['update', 'a', 'b', '--status', 's'], /update: expects one UUID/],
    [['search', '--limit', '0'], /search: --limit expects a whole number from 1/],
    [['config'], /config: expects one action/],
    [['config', 'burn'], /config: unknown action "burn"/],
  ];
  for (const [args, pattern] of cases) {
    test(`mcp-terminal ${args.join(' ')}`, async (t) => {
      assertOneLineError(await runCli(args, { home: tempHome(t) }), 2, pattern);
    });
  }

  test('--help prints usage for the program and for a verb', async (t) => {
    const home = tempHome(t);
    const main = await runCli(['--help'], { home });
    assert.equal(main.code, 0);
    assert.match(main.stdout, /^Usage: mcp-terminal/);
    const verb = await runCli(['record', '--help'], { home });
    assert.match(verb.stdout, /record --stdin/);
  });
});

describe('config', () => {
  test('config init writes the example with mode 0600 and refuses to overwrite without --force', async (t) => {
    const home = join(tempHome(t), 'nested-home');
    const first = await runCli(['config', 'init'], { home });
    assert.equal(first.code, 0, first.stderr);
    const path = join(home, 'config.json');
    assert.equal(first.stdout.trim(), path);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(
      JSON.parse(readFileSync(path, 'utf8')),
      JSON.parse(readFileSync('config.example.json', 'utf8')),
    );
    writeFileSync(path, '{"sync": {"batch_size": 7}}');
    assertOneLineError(
      await runCli(['config', 'init'], { home }),
      2,
      /already exists; use --force/,
    );
    assert.equal(readFileSync(path, 'utf8'), '{"sync": {"batch_size": 7}}');
    const forced = await runCli(['config', 'init', '--force'], { home });
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(JSON.parse(readFileSync(path, 'utf8')).sync.batch_size, 100);
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });

  test('a bad config file: one line per bad path, exit 2, file untouched, nothing created', async (t) => {
    const home = tempHome(t);
    const path = join(home, 'config.json');
    const text = '{"sync": {"interval": -1, "offline_mode": "maybe"}}';
    writeFileSync(path, text);
    const result = await runCli(['record', '--command', 'x'], { home });
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 2, result.stderr);
    assert.match(result.stderr, /sync\.interval: got -1, expected a whole number/);
    assert.match(
      result.stderr,
      /sync\.offline_mode: got "maybe", expected one of "auto", "always", "never"/,
    );
    assert.equal(readFileSync(path, 'utf8'), text);
  });
});

describe('output safety', () => {
  test('search text output neutralises escape sequences stored in history', async (t) => {
    const home = tempHome(t);
    await runCli(['record', '--command', 'echo \u001b]52;c;aGk=\u0007 \u001b[2J done'], { home });
    const result = await runCli(['search'], { home });
    assert.equal(result.code, 0);
    assert.ok(!result.stdout.includes('\u001b'));
    assert.match(result.stdout, /echo \^\[\]52;c;aGk=\^G \^\[\[2J done/);
    const json = await runCli(['search', '--json'], { home });
    assert.ok(!json.stdout.includes('\u001b'), 'JSON escapes control characters as \\u001b');
  });
});
