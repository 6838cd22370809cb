/**
 * `import` against real history files of each format, written here byte by byte.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { runCli } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';

type Found = {
  command: string;
  timestamp: number;
  cwd: string | null;
  status: string | null;
  durationMs: number | null;
};

async function entries(home: string): Promise<Found[]> {
  const result = await runCli(['search', '--json', '--limit', '1000'], { home });
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout) as Found[]).sort((a, b) => a.timestamp - b.timestamp);
}

function file(t: TestContext, name: string, content: string | Uint8Array): string {
  const path = join(tempHome(t, 'mcp-hist-'), name);
  writeFileSync(path, content);
  return path;
}

test('bash: plain and timed files, multi-line commands; a second import adds nothing', async (t) => {
  const home = tempHome(t);
  const timed = file(
    t,
    '.bash_history',
    '#1700000000\ngit status\n#1700000060\nfor f in *; do\n  echo "$f"\ndone\n#1700000120\nls -la\n',
  );
  const first = await runCli(['import', 'bash', timed], { home });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /imported 3 new entries from .*\.bash_history \(bash\)/);
  assert.deepEqual(
    (await entries(home)).map((e) => [e.command, e.timestamp]),
    [
      ['git status', 1_700_000_000_000],
      ['for f in *; do\n  echo "$f"\ndone', 1_700_000_060_000],
      ['ls -la', 1_700_000_120_000],
    ],
  );
  const again = await runCli(['import', 'bash', timed], { home });
  assert.match(again.stderr, /imported 0 new entries .*; 3 already here/);
  assert.equal((await entries(home)).length, 3);

  // A plain file: one command per line, in order, placed before the file's time.
  const plainHome = tempHome(t);
  const plain = file(t, 'plain', 'cd /srv\n\nmake\nmake install\n');
  assert.equal((await runCli(['import', 'bash', plain], { home: plainHome })).code, 0);
  assert.deepEqual(
    (await entries(plainHome)).map((e) => e.command),
    ['cd /srv', 'make', 'make install'],
  );
  // Appended to: only the new line comes in.
  writeFileSync(plain, 'cd /srv\n\nmake\nmake install\nmake test\n');
  const appended = await runCli(['import', 'bash', plain], { home: plainHome });
  assert.match(appended.stderr, /imported 1 new entry .*; 3 already here/);
});

test('zsh: extended lines, backslash continuations and metafied bytes', async (t) => {
  const home = tempHome(t);
  // "é" is C3 A9 in UTF-8; zsh stores each byte >= 0x83 as 0x83 followed by byte ^ 0x20.
  const metafied = Buffer.from([0x83, 0xc3 ^ 0x20, 0x83, 0xa9 ^ 0x20]);
  const bytes = Buffer.concat([
    Buffer.from(': 1700000000:0;echo caf'),
    metafied,
    Buffer.from('\n: 1700000005:2;docker run \\\n  --rm alpine\n: 1700000009:0;ls\n'),
  ]);
  const path = file(t, '.zsh_history', bytes);
  const result = await runCli(['import', 'zsh', path], { home });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(
    (await entries(home)).map((e) => [e.command, e.timestamp, e.durationMs]),
    [
      ['echo café', 1_700_000_000_000, 0],
      ['docker run \n  --rm alpine', 1_700_000_005_000, 2000],
      ['ls', 1_700_000_009_000, 0],
    ],
  );
});

test('fish: the YAML-like file with escaped newlines and backslashes', async (t) => {
  const home = tempHome(t);
  const path = file(
    t,
    'fish_history',
    "- cmd: echo one\\ntwo\n  when: 1700000000\n- cmd: printf 'a\\\\b'\n  when: 1700000010\n  paths:\n    - a\\\\b\n",
  );
  assert.equal((await runCli(['import', 'fish', path], { home })).code, 0);
  assert.deepEqual(
    (await entries(home)).map((e) => [e.command, e.timestamp]),
    [
      ['echo one\ntwo', 1_700_000_000_000],
      ["printf 'a\\b'", 1_700_000_010_000],
    ],
  );
});

test('atuin: its SQLite database, with directory and exit status; deleted rows stay out', async (t) => {
  const home = tempHome(t);
  const path = join(tempHome(t, 'mcp-atuin-'), 'history.db');
  const db = new Database(path);
  db.exec(`CREATE TABLE history (id TEXT PRIMARY KEY, timestamp INTEGER NOT NULL, duration INTEGER NOT NULL,
    exit INTEGER NOT NULL, command TEXT NOT NULL, cwd TEXT NOT NULL, session TEXT NOT NULL,
    hostname TEXT NOT NULL, deleted_at INTEGER)`);
  const insert = db.prepare('INSERT INTO history VALUES (?, ?, 2500000000, ?, ?, ?, ?, ?, ?)');
  insert.run('a1', 1_700_000_000_000_000_000n, 0, 'cargo build', '/src/app', 's1', 'box:me', null);
  insert.run('a2', 1_700_000_100_000_000_000n, 101, 'cargo test', '/src/app', 's1', 'box:me', null);
  insert.run(
    'a3',
    1_700_000_200_000_000_000n,
    0,
    'rm -rf secret',
    '/tmp',
    's1',
    'box:me',
    1_700_000_300_000_000_000n,
  );
  db.close();
  const result = await runCli(['import', 'atuin', path], { home });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(
    (await entries(home)).map((e) => [e.command, e.timestamp, e.cwd, e.status, e.durationMs]),
    [
      ['cargo build', 1_700_000_000_000, '/src/app', '0', 2500],
      ['cargo test', 1_700_000_100_000, '/src/app', '101', 2500],
    ],
  );
  assert.match(
    (await runCli(['import', 'atuin', path], { home })).stderr,
    /imported 0 new entries/,
  );
});

test('default locations: $HISTFILE, then the home directory', async (t) => {
  const home = tempHome(t);
  const fakeHome = tempHome(t, 'mcp-user-');
  writeFileSync(join(fakeHome, '.bash_history'), 'from-home-dir\n');
  const histfile = file(t, 'custom_history', 'from-histfile\n');
  assert.equal((await runCli(['import', 'bash'], { home, env: { HOME: fakeHome } })).code, 0);
  assert.equal(
    (await runCli(['import', 'bash'], { home, env: { HOME: fakeHome, HISTFILE: histfile } })).code,
    0,
  );
  assert.deepEqual((await entries(home)).map((e) => e.command).sort(), [
    'from-histfile',
    'from-home-dir',
  ]);
});

test('a run this machine already recorded (the shell hook) is not imported twice', async (t) => {
  const home = tempHome(t);
  assert.equal((await runCli(['record', '--command', 'make deploy'], { home })).code, 0);
  const [recorded] = await entries(home);
  const seconds = Math.floor(recorded!.timestamp / 1000);
  const path = file(t, 'h', `#${seconds}\nmake deploy\n#${seconds + 5}\nmake deploy\n`);
  const result = await runCli(['import', 'bash', path], { home });
  assert.match(result.stderr, /imported 1 new entry .*; 1 already here/);
  assert.equal((await entries(home)).length, 2);
});

test('bad input: one clear line, exit 2, nothing imported', async (t) => {
  const home = tempHome(t);
  const cases: [string[], RegExp][] = [
    [['import', 'powershell'], /import: expects one of bash, zsh, fish, atuin/],
    [
      ['import', 'bash', '/nonexistent/history'],
      /cannot read \/nonexistent\/history \(no such file\)/,
    ],
    [
      ['import', 'bash', file(t, 'binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]))],
      /holds NUL bytes, so it is not a bash history file/,
    ],
    [['import', 'atuin', file(t, 'not.db', 'just text\n')], /is not an Atuin history database/],
  ];
  for (const [args, message] of cases) {
    const result = await runCli(args, { home });
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, message);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  }
  assert.equal((await entries(home)).length, 0);
});
