/**
 * `import` against real history files of each format, written here byte by byte, run
 * in-process against real cache files.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { runCliInProcess as runCli } from '../helpers/run-cli-in-process.js';
import { tempHome } from '../helpers/temp-home.js';

type Found = {
  uuid: string;
  command: string;
  timestamp: number;
  cwd: string | null;
  status: string | null;
  durationMs: number | null;
};

async function entries(home: string): Promise<Found[]> {
  const result = await runCli(['export'], { home });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Found);
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

test('every occurrence is an entry: repeats in a plain file, twice in one second in a timed one', async (t) => {
  const home = tempHome(t);
  const plain = file(t, 'plain', 'ls\ncd a\nls\ncd b\nls\n');
  const first = await runCli(['import', 'bash', plain], { home });
  assert.match(first.stderr, /imported 5 new entries from/);
  assert.deepEqual(
    (await entries(home)).map((e) => e.command),
    ['ls', 'cd a', 'ls', 'cd b', 'ls'],
  );
  // Appended to: the new lines only, repeats included.
  appendFileSync(plain, 'ls\ncd a\n');
  const appended = await runCli(['import', 'bash', plain], { home });
  assert.match(appended.stderr, /imported 2 new entries .*; 5 already here/);

  const timedHome = tempHome(t);
  const timed = file(t, 'timed', '#1700000000\nmake\n#1700000000\nmake\n#1700000001\nmake\n');
  assert.match(
    (await runCli(['import', 'bash', timed], { home: timedHome })).stderr,
    /imported 3 new entries/,
  );
  assert.deepEqual(
    (await entries(timedHome)).map((e) => e.timestamp),
    [1_700_000_000_000, 1_700_000_000_000, 1_700_000_001_000],
  );
});

test('bash cut from the front at HISTFILESIZE, with lines added: only the new lines come in', async (t) => {
  const home = tempHome(t);
  const lines = Array.from({ length: 40 }, (_, i) => [`#${1_700_000_000 + i}`, `cmd ${i % 7}`]);
  const path = file(t, 'h', `${lines.flat().join('\n')}\n`);
  assert.match((await runCli(['import', 'bash', path], { home })).stderr, /imported 40 new/);
  // bash appended 10 commands and kept the newest 40.
  const more = Array.from({ length: 10 }, (_, i) => [`#${1_700_000_100 + i}`, `cmd ${i % 7}`]);
  writeFileSync(path, `${[...lines.slice(10), ...more].flat().join('\n')}\n`);
  const again = await runCli(['import', 'bash', path], { home });
  assert.match(again.stderr, /imported 10 new entries .*; 30 already here/);
});

test('bash dated later in life: the lines before the first time stay separate, in order', async (t) => {
  const home = tempHome(t);
  const path = file(t, 'h', 'make\nmake test\nvim notes\n#1700000000\ngit push\n');
  const result = await runCli(['import', 'bash', path], { home });
  assert.match(result.stderr, /imported 4 new entries/);
  assert.deepEqual(
    (await entries(home)).map((e) => [e.command, e.timestamp]),
    [
      ['make', 1_699_999_999_997],
      ['make test', 1_699_999_999_998],
      ['vim notes', 1_699_999_999_999],
      ['git push', 1_700_000_000_000],
    ],
  );
});

test('zsh: extended lines, typed backslash continuations and metafied bytes', async (t) => {
  const home = tempHome(t);
  // "é" is C3 A9 in UTF-8; zsh stores each byte >= 0x83 as 0x83 followed by byte ^ 0x20.
  const metafied = Buffer.from([0x83, 0xc3 ^ 0x20, 0x83, 0xa9 ^ 0x20]);
  const bytes = Buffer.concat([
    Buffer.from(': 1700000000:0;echo caf'),
    metafied,
    // Typed as `docker run \`, Enter, `  --rm alpine`: zsh saves the typed backslash and
    // one more for the newline.
    Buffer.from('\n: 1700000005:2;docker run \\\\\n  --rm alpine\n: 1700000009:0;ls\n'),
  ]);
  const path = file(t, '.zsh_history', bytes);
  const result = await runCli(['import', 'zsh', path], { home });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(
    (await entries(home)).map((e) => [e.command, e.timestamp, e.durationMs]),
    [
      ['echo café', 1_700_000_000_000, 0],
      ['docker run \\\n  --rm alpine', 1_700_000_005_000, 2000],
      ['ls', 1_700_000_009_000, 0],
    ],
  );
});

test('fish: escaped newlines and backslashes; a bad when keeps the entry with the time before', async (t) => {
  const home = tempHome(t);
  const path = file(
    t,
    'fish_history',
    "- cmd: echo one\\ntwo\n  when: 1700000000\n- cmd: printf 'a\\\\b'\n  when: 1700000010\n  paths:\n    - a\\\\b\n" +
      '- cmd: make\n  when: 99999999999999999\n- cmd: ls\n',
  );
  assert.equal((await runCli(['import', 'fish', path], { home })).code, 0);
  // Entries of one time come out in uuid order: compare them sorted.
  assert.deepEqual((await entries(home)).map((e) => [e.command, e.timestamp]).sort(), [
    ['echo one\ntwo', 1_700_000_000_000],
    ['ls', 1_700_000_010_000],
    ['make', 1_700_000_010_000],
    ["printf 'a\\b'", 1_700_000_010_000],
  ]);
});

function atuinDb(t: TestContext): string {
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
  return path;
}

/** An Atuin database of the schema before `deleted_at` (2023), with `rows` commands. */
function oldAtuinDb(t: TestContext, rows: number): string {
  const path = join(tempHome(t, 'mcp-atuin-'), 'history.db');
  const db = new Database(path);
  db.exec(`CREATE TABLE history (id TEXT PRIMARY KEY, timestamp INTEGER NOT NULL, duration INTEGER NOT NULL,
    exit INTEGER NOT NULL, command TEXT NOT NULL, cwd TEXT NOT NULL, session TEXT NOT NULL,
    hostname TEXT NOT NULL, UNIQUE(timestamp, cwd, command))`);
  const insert = db.prepare("INSERT INTO history VALUES (?, ?, 0, 0, ?, '/src', 's1', 'box:me')");
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const padding = 'x'.repeat(60); // a few rows per page, so the table has many pages
      insert.run(`o${i}`, BigInt(1_700_000_000 + i) * 1_000_000_000n, `make t${i} ${padding}`);
    }
  })();
  db.close();
  return path;
}

test('atuin: an older database without deleted_at imports whole, alone and in import auto', async (t) => {
  const home = tempHome(t);
  const path = oldAtuinDb(t, 3);
  const result = await runCli(['import', 'atuin', path], { home });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /imported 3 new entries from .*history\.db \(atuin\)/);
  assert.deepEqual(
    (await entries(home)).map((e) => [e.command.slice(0, 7), e.timestamp, e.cwd]),
    [
      ['make t0', 1_700_000_000_000, '/src'],
      ['make t1', 1_700_000_001_000, '/src'],
      ['make t2', 1_700_000_002_000, '/src'],
    ],
  );
  const user = tempHome(t, 'mcp-user-');
  writeFileSync(join(user, '.bash_history'), 'git status\n');
  const env = { HOME: user, XDG_DATA_HOME: undefined, HISTFILE: undefined, ATUIN_DB_PATH: path };
  const auto = await runCli(['import', 'auto'], { home: tempHome(t), env });
  assert.equal(auto.code, 0, auto.stderr);
  assert.match(auto.stderr, /imported 1 new entry from .*\.bash_history/);
  assert.match(auto.stderr, /imported 3 new entries from .*history\.db \(atuin\)/);
});

test('atuin: a damaged database is one line naming the file, exit 2; import auto goes on', async (t) => {
  const path = oldAtuinDb(t, 2000);
  // A page near the end overwritten, as a failing disk leaves it: the schema still reads.
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, statSync(path).size - 3 * 4096);
  closeSync(fd);
  const home = tempHome(t);
  const alone = await runCli(['import', 'atuin', path], { home });
  assert.equal(alone.code, 2, alone.stderr);
  assert.match(
    alone.stderr,
    /^mcp-terminal: import atuin: cannot read .*history\.db \(database disk image is malformed\)\n$/,
  );
  const user = tempHome(t, 'mcp-user-');
  writeFileSync(join(user, '.bash_history'), 'git status\n');
  const env = { HOME: user, XDG_DATA_HOME: undefined, HISTFILE: undefined, ATUIN_DB_PATH: path };
  const auto = await runCli(['import', 'auto'], { home, env });
  assert.equal(auto.code, 2, auto.stderr);
  assert.match(auto.stderr, /imported 1 new entry from .*\.bash_history/);
  assert.match(
    auto.stderr,
    /import auto: cannot read .*history\.db \(database disk image is malformed\)/,
  );
  assert.doesNotMatch(auto.stderr, /internal error/);
  // A database without the history table's columns is named as not Atuin's.
  const other = join(tempHome(t, 'mcp-atuin-'), 'other.db');
  const db = new Database(other);
  db.exec('CREATE TABLE history (id TEXT, timestamp INTEGER)');
  db.close();
  const wrong = await runCli(['import', 'atuin', other], { home });
  assert.equal(wrong.code, 2, wrong.stderr);
  assert.match(
    wrong.stderr,
    /other\.db is not an Atuin history database \(its history table has no command\)/,
  );
});

test('atuin: its SQLite database, with directory and exit status; deleted rows stay out', async (t) => {
  const home = tempHome(t);
  const path = atuinDb(t);
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

test('runs the shell hook already recorded are matched one for one, not all of a second', async (t) => {
  const seconds = 1_700_000_000;
  // What the hook recorded (new entries of this machine) in that second.
  const hooked = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      JSON.stringify({ command: 'make deploy', timestamp: seconds * 1000 + 100 * (i + 1) }),
    ).join('\n');
  const path = file(
    t,
    'h',
    `#${seconds}\nmake deploy\n#${seconds}\nmake deploy\n#${seconds + 5}\nmake deploy\n`,
  );
  for (const [recorded, expected] of [
    [2, /imported 1 new entry .*; 2 already here/],
    [1, /imported 2 new entries .*; 1 already here/],
  ] as const) {
    const home = tempHome(t);
    assert.equal((await runCli(['record', '--stdin'], { home, input: hooked(recorded) })).code, 0);
    const result = await runCli(['import', 'bash', path], { home });
    assert.match(result.stderr, expected);
    assert.equal((await entries(home)).length, 3);
    // And again: nothing new.
    assert.match((await runCli(['import', 'bash', path], { home })).stderr, /imported 0 new/);
  }
});

test('one for one across neighbouring seconds: a hook record covers one run, not one per second', async (t) => {
  const s = 1_700_000_672;
  // The hook's start times, 526 ms into s and 541 ms into s + 1; the file has s, s+1, s+1.
  const hooked = [s * 1000 + 526, (s + 1) * 1000 + 541]
    .map((timestamp) => JSON.stringify({ command: 'echo x', timestamp }))
    .join('\n');
  const path = file(t, 'h', `#${s}\necho x\n#${s + 1}\necho x\n#${s + 1}\necho x\n`);
  const home = tempHome(t);
  assert.equal((await runCli(['record', '--stdin'], { home, input: hooked })).code, 0);
  const result = await runCli(['import', 'bash', path], { home });
  assert.match(result.stderr, /imported 1 new entry .*; 2 already here/);
  assert.equal((await entries(home)).length, 3);
  assert.match((await runCli(['import', 'bash', path], { home })).stderr, /imported 0 new/);
});

test("a file that is not that shell's history: one line, exit 2, nothing written; --force insists", async (t) => {
  const home = tempHome(t);
  const javascript = file(
    t,
    'cli.js',
    "#!/usr/bin/env node\nimport {\n  main\n} from './main.js';\nconst args = process.argv.slice(2);\nif (args.length > 0) {\n  main(args);\n}\n",
  );
  const bashTimed = file(t, '.bash_history', '#1732000000\ngit status\n#1732000001\nls\n');
  const fish = file(
    t,
    'fish_history',
    '- cmd: ls\n  when: 1732000000\n- cmd: pwd\n  when: 1732000001\n',
  );
  const cases: [string[], RegExp][] = [
    [['import', 'powershell'], /import: expects one of bash, zsh, fish, atuin, auto, ndjson/],
    [
      ['import', 'bash', '/nonexistent/history'],
      /cannot read \/nonexistent\/history \(no such file\)/,
    ],
    [['import', 'bash', javascript], /cli\.js starts with #!, so it is a script/],
    [
      ['import', 'zsh', bashTimed],
      /looks like a bash history \(#<epoch> time lines\); use: mcp-terminal import bash .*--force/,
    ],
    [['import', 'bash', fish], /looks like a fish history .*use: mcp-terminal import fish/],
    [
      ['import', 'bash', file(t, 'binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]))],
      /binary is an executable \(ELF\)/,
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
  const forced = await runCli(['import', 'zsh', bashTimed, '--force'], { home });
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stderr, /imported 4 new entries/);
});

test('import auto: every history found, one line each; a second run adds nothing', async (t) => {
  const home = tempHome(t);
  const user = tempHome(t, 'mcp-user-');
  writeFileSync(join(user, '.bash_history'), '#1700000000\ngit status\n#1700000001\nls\n');
  writeFileSync(join(user, '.zsh_history'), ': 1700000100:0;make\n: 1700000101:0;make\n');
  // A name zsh uses, holding something else: skipped with the reason.
  writeFileSync(join(user, '.histfile'), '- cmd: oops\n  when: 1700000000\n');
  mkdirSync(join(user, '.local', 'share', 'fish'), { recursive: true });
  writeFileSync(
    join(user, '.local', 'share', 'fish', 'fish_history'),
    '- cmd: pwd\n  when: 1700000200\n',
  );
  const env = {
    HOME: user,
    XDG_DATA_HOME: undefined,
    HISTFILE: undefined,
    ATUIN_DB_PATH: atuinDb(t),
  };
  const first = await runCli(['import', 'auto'], { home, env });
  assert.equal(first.code, 0, first.stderr);
  const lines = first.stderr.trim().split('\n');
  assert.equal(lines.length, 5, first.stderr);
  assert.match(first.stderr, /imported 2 new entries from .*\.bash_history \(bash\)/);
  assert.match(first.stderr, /imported 2 new entries from .*\.zsh_history \(zsh\)/);
  assert.match(first.stderr, /imported 1 new entry from .*fish_history \(fish\)/);
  assert.match(first.stderr, /imported 2 new entries from .*history\.db \(atuin\)/);
  assert.match(first.stderr, /skipped .*\.histfile looks like a fish history/);
  assert.equal((await entries(home)).length, 7);
  const second = await runCli(['import', 'auto'], { home, env });
  assert.equal(second.code, 0, second.stderr);
  assert.equal((second.stderr.match(/imported 0 new entries/g) ?? []).length, 4, second.stderr);
  assert.equal((await entries(home)).length, 7);
  // An explicit import of a file auto found adds nothing either.
  const explicit = await runCli(['import', 'bash', join(user, '.bash_history')], { home });
  assert.match(explicit.stderr, /imported 0 new entries/);
  assert.ok(readFileSync(join(user, '.bash_history'), 'utf8').length > 0);
  // Nothing to find: said, and not an error.
  const empty = { HOME: tempHome(t, 'mcp-user-'), XDG_DATA_HOME: undefined, HISTFILE: undefined };
  const none = await runCli(['import', 'auto'], {
    home,
    env: { ...empty, ATUIN_DB_PATH: undefined },
  });
  assert.deepEqual([none.code, /found no shell history/.test(none.stderr)], [0, true]);
});

test('bash: starts dated, then 1,000 untimed lines: 1,003 entries, none left out', async (t) => {
  const home = tempHome(t);
  const untimed = Array.from({ length: 1000 }, (_, i) => `git status ${i}`).join('\n');
  const path = file(t, 'h', `#1700000000\nls\n#1700000001\npwd\n#1700000002\nmake\n${untimed}\n`);
  const result = await runCli(['import', 'bash', path], { home });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /^imported 1,003 new entries from \S+ \(bash\)\n$/);
  const commands = (await entries(home)).map((e) => e.command);
  assert.deepEqual(commands.slice(0, 4), ['ls', 'pwd', 'make', 'git status 0']);
  assert.equal(commands.at(-1), 'git status 999');
});

test('a device, a FIFO or a directory is refused before a byte is read: one line, exit 2', async (t) => {
  const home = tempHome(t);
  const fifo = join(tempHome(t, 'mcp-fifo-'), 'fifo');
  execFileSync('mkfifo', [fifo]);
  const directory = tempHome(t, 'mcp-dir-');
  for (const verb of ['bash', 'zsh', 'fish', 'atuin', 'ndjson']) {
    for (const path of ['/dev/zero', fifo, directory]) {
      const result = await runCli(['import', verb, path], { home });
      assert.equal(result.code, 2, `${verb} ${path}: ${result.stderr}`);
      assert.match(
        result.stderr,
        new RegExp(
          `^mcp-terminal: import ${verb}: cannot read ${path} \\(not a regular file\\); give the file`,
        ),
      );
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
  }
  assert.equal((await entries(home)).length, 0);
});

test('a real first-day history passes the check; a block of NULs in a history is skipped', async (t) => {
  const home = tempHome(t);
  const fresh = [
    'sudo apt install git curl wget vim tmux htop',
    'pip install numpy pandas matplotlib scipy jupyter seaborn',
    'npm install react react-dom next typescript eslint prettier',
    '> debug.log',
    'ls',
    'cd project',
    'git clone https://github.com/x/y',
    'make',
    'vim README.md',
    'docker compose up -d',
    'exit',
  ];
  const first = await runCli(['import', 'bash', file(t, 'h', `${fresh.join('\n')}\n`)], { home });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /imported 11 new entries/);

  // A crash lost a write: 4096 NULs where it was, then the shell went on appending.
  const crashed = Buffer.concat([
    Buffer.from('#1700000000\nls\n#1700000005\ncd /srv\n'),
    Buffer.alloc(4096),
    Buffer.from('#1700000100\nmake\n'),
  ]);
  const nulHome = tempHome(t);
  const result = await runCli(['import', 'bash', file(t, 'crashed', crashed)], { home: nulHome });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /^imported 3 new entries from \S+ \(bash\)\n$/);
  assert.deepEqual(
    (await entries(nulHome)).map((e) => e.command),
    ['ls', 'cd /srv', 'make'],
  );
});
