/**
 * Issue 16's CLI edge: values taken as given (also when they start with -), `--` ending
 * options, help generated from each verb's table, did-you-mean, --version, --cwd resolved,
 * plurals, local time, and delete by query. Verbs run in-process (run-cli-in-process.ts)
 * against a real cache file; the binary where the process is what is checked.
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { MAIN_HELP, verbHelp } from '../../source/commands/help.js';
import { VERB_NAMES, VERB_SPECS, type VerbName } from '../../source/commands/verb-specs.js';
import { runCli } from '../helpers/run-cli.js';
import { runCliInProcess as cli } from '../helpers/run-cli-in-process.js';
import { tempHome } from '../helpers/temp-home.js';

type Entry = Record<string, unknown>;

async function entries(home: string, ...args: string[]): Promise<Entry[]> {
  const result = await cli(['search', '--json', '--limit', '1000', ...args], { home });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Entry[];
}

async function recorded(home: string, args: string[], cwd?: string): Promise<string> {
  const result = await cli(['record', ...args], { home, ...(cwd && { cwd }) });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim();
}

/** Values that parseArgs alone refuses as "ambiguous", or takes for options. */
const DASHED = ['- item one', '-h', '--', '-5', '--help', '--json', '-'];

describe('values are taken as given', () => {
  test('record keeps commands, responses, statuses, sessions starting with -', async (t) => {
    const home = tempHome(t);
    for (const value of DASHED) {
      const uuid = await recorded(home, [
        '--command',
        value,
        '--response',
        value,
        '--status',
        value,
        '--session',
        value,
      ]);
      const [entry] = (await entries(home, '--session', value)).filter((e) => e['uuid'] === uuid);
      assert.ok(entry, `${value} recorded`);
      assert.equal(entry['command'], value);
      assert.equal(entry['response'], value);
      assert.equal(entry['status'], value);
    }
  });

  test('the issue case: --response "- item one" exits 0', async (t) => {
    const result = await runCli(['record', '--command', 'ls', '--response', '- item one'], {
      home: tempHome(t),
    });
    assert.equal(result.code, 0, result.stderr);
  });

  test('update takes a response and status starting with -', async (t) => {
    const home = tempHome(t);
    const uuid = await recorded(home, ['--command', 'make']);
    const result = await cli(['update', uuid, '--response', '- fixed', '--status', '-1'], { home });
    assert.equal(result.code, 0, result.stderr);
    const [entry] = await entries(home);
    assert.equal(entry?.['response'], '- fixed');
    assert.equal(entry?.['status'], '-1');
  });

  test('a number flag given -5 is refused as a number, not as an ambiguous argument', async (t) => {
    const result = await cli(['record', '--command', 'x', '--tokens', '-5'], { home: tempHome(t) });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--tokens expects a whole number from 0 .*got "-5"/);
  });

  test('-- ends options: search and delete --query find text starting with -', async (t) => {
    const home = tempHome(t);
    await recorded(home, ['--command', 'rm -rf build']);
    await recorded(home, ['--command', '--json']);
    const found = await cli(['search', '--json', '--', '--json'], { home });
    assert.equal(found.code, 0, found.stderr);
    assert.deepEqual(
      (JSON.parse(found.stdout) as Entry[]).map((e) => e['command']),
      ['--json'],
    );
    const dry = await cli(['delete', '--query', "'-rf", '--dry-run'], { home });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /1x {2}rm -rf build/);
  });

  test('--help given as a value is recorded, not taken as a request for help', async (t) => {
    const home = tempHome(t);
    const uuid = await recorded(home, ['--command', 'man ls', '--response', '--help']);
    assert.match(uuid, /^[0-9a-f-]{36}$/);
    const help = await cli(['record', '--command', 'x', '--help'], { home });
    assert.match(help.stdout, /^Usage: mcp-terminal record/);
  });

  test('text after -- is a positional, never an option', async (t) => {
    const home = tempHome(t);
    const result = await cli(['search', '--', '-5'], { home });
    assert.equal(result.code, 0, result.stderr);
    const refused = await cli(['search', '-5'], { home });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /unknown option -5 .*put -- before it/);
  });
});

describe('help, version, did-you-mean', () => {
  for (const verb of Object.keys(VERB_SPECS) as VerbName[]) {
    test(`${verb}: its help lists every option of its table and mentions no other`, () => {
      const help = verbHelp(verb);
      const options = Object.keys(VERB_SPECS[verb].options);
      for (const name of options) assert.match(help, new RegExp(`--${name}\\b`), name);
      const mentioned = new Set(help.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? []);
      const known = new Set(['--help', '--version', ...options.map((name) => `--${name}`)]);
      // Other verbs' options may be named in prose (search --json, server --auth-jwt-key-file).
      for (const other of Object.values(VERB_SPECS))
        for (const name of Object.keys(other.options)) known.add(`--${name}`);
      for (const flag of mentioned) assert.ok(known.has(flag), `${verb} help names ${flag}`);
    });
  }

  test('the main help lists every verb the CLI runs, and only those', async (t) => {
    const home = tempHome(t);
    for (const verb of VERB_NAMES) {
      assert.match(MAIN_HELP, new RegExp(`^  ${verb} `, 'm'));
      const result = await cli([verb, '--help'], { home });
      assert.equal(result.code, 0, `${verb}: ${result.stderr}`);
      assert.equal(result.stdout, `${verbHelp(verb)}\n`);
    }
    const keygen = await cli(['server', 'keygen', '--help'], { home });
    assert.equal(keygen.stdout, `${verbHelp('server keygen')}\n`);
  });

  test('search --help describes the fuzzy search, not a substring one', () => {
    assert.match(verbHelp('search'), /fuzzy/i);
    assert.doesNotMatch(verbHelp('search'), /contains QUERY/);
  });

  test('--version and -V print the version', async (t) => {
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag], { home: tempHome(t) });
      assert.equal(result.code, 0);
      assert.match(result.stdout, /^\d+\.\d+\.\d+\n$/);
    }
  });

  test('a mistyped verb or flag gets one line with a suggestion', async (t) => {
    const home = tempHome(t);
    const cases: [string[], RegExp][] = [
      [['serach', 'git'], /unknown verb "serach" \(did you mean search\?\)/],
      [['sattus'], /did you mean status\?/],
      [['search', '--limt', '5'], /unknown option --limt \(did you mean --limit\?\)/],
      [['record', '--comand', 'ls'], /did you mean --command\?/],
      [['--verison'], /did you mean --version\?/],
    ];
    for (const [args, pattern] of cases) {
      const result = await cli(args, { home });
      assert.equal(result.code, 2, args.join(' '));
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      assert.match(result.stderr, pattern);
    }
  });
});

describe('the same thing said the same way', () => {
  test('--cwd is resolved to an absolute path in record and search', async (t) => {
    const home = tempHome(t);
    const project = join(home, 'project');
    mkdirSync(join(project, 'sub'), { recursive: true });
    await recorded(home, ['--command', 'npm test', '--cwd', '.'], project);
    await recorded(home, ['--command', 'ls', '--cwd', 'sub/../sub/'], project);
    const all = await entries(home);
    assert.deepEqual(all.map((e) => e['cwd']).sort(), [project, join(project, 'sub')]);
    const result = await cli(['search', '--json', '--cwd', '.'], { home, cwd: project });
    assert.deepEqual(
      (JSON.parse(result.stdout) as Entry[]).map((e) => e['command']),
      ['npm test'],
    );
  });

  test('record --timestamp keeps the start time; --duration alone puts it before now', async (t) => {
    const home = tempHome(t);
    const before = Date.now();
    await recorded(home, ['--command', 'first', '--timestamp', '1700000000000']);
    await recorded(home, ['--command', 'slow', '--duration', '60000']);
    const byCommand = new Map((await entries(home)).map((e) => [e['command'], e['timestamp']]));
    assert.equal(byCommand.get('first'), 1_700_000_000_000);
    const slow = byCommand.get('slow') as number;
    assert.ok(slow <= Date.now() - 60_000 && slow >= before - 60_000, String(slow));
  });

  test('search lines show local time (TZ), as the TUI does', async (t) => {
    const home = tempHome(t);
    await recorded(home, ['--command', 'date', '--timestamp', String(Date.UTC(2026, 0, 2, 3, 4))]);
    const kolkata = await runCli(['search'], { home, env: { TZ: 'Asia/Kolkata' } });
    assert.match(kolkata.stdout, /^2026-01-02 08:34 {2}/);
    const utc = await runCli(['search'], { home, env: { TZ: 'UTC' } });
    assert.match(utc.stdout, /^2026-01-02 03:04 {2}/);
  });

  test('one entry is "1 entry"', async (t) => {
    const home = tempHome(t);
    await recorded(home, ['--command', 'only']);
    const stats = await cli(['stats'], { home });
    assert.match(stats.stdout, /\b1 entry from/);
    const dry = await cli(['delete', '--query', 'only', '--dry-run'], { home });
    assert.match(dry.stderr, /would delete 1 entry of 1 command\b/);
  });
});

describe('delete by query', () => {
  async function homeWithHistory(t: test.TestContext) {
    const home = tempHome(t);
    for (const command of ['git push', 'git push', 'git pull', 'ls', 'git push --force'])
      await recorded(home, ['--command', command]);
    return home;
  }

  test('--dry-run lists every matching command with its count and deletes nothing', async (t) => {
    const home = await homeWithHistory(t);
    const dry = await cli(['delete', '--query', "'git push", '--dry-run'], { home });
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /2x {2}git push\n/);
    assert.match(dry.stdout, /1x {2}git push --force\n/);
    assert.doesNotMatch(dry.stdout, /pull|ls/);
    assert.match(dry.stderr, /would delete 3 entries of 2 commands/);
    assert.equal((await entries(home)).length, 5);
  });

  test('without a terminal it refuses unless --yes, and --yes tombstones them for sync', async (t) => {
    const home = await homeWithHistory(t);
    const refused = await cli(['delete', '--query', "'git push"], { home });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /add --yes/);
    assert.equal((await entries(home)).length, 5);
    const status = JSON.parse((await cli(['status', '--json'], { home })).stdout) as Entry;
    const done = await cli(['delete', '--query', "'git push", '--yes'], { home });
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stderr, /deleted 3 entries of 2 commands/);
    assert.deepEqual((await entries(home)).map((e) => e['command']).sort(), ['git pull', 'ls']);
    const after = JSON.parse((await cli(['status', '--json'], { home })).stdout) as Entry;
    assert.equal(after['pendingUpload'], (status['pendingUpload'] as number) + 3);
  });

  test('at a terminal it asks: n keeps everything, y deletes', async (t) => {
    const home = await homeWithHistory(t);
    const no = await cli(['delete', '--query', 'pull'], { home, terminal: true, input: 'n\n' });
    assert.equal(no.code, 0);
    assert.match(
      no.stderr,
      /Delete 1 entry of 1 command everywhere\? \[y\/N\] nothing was deleted/,
    );
    assert.equal((await entries(home)).length, 5);
    const yes = await cli(['delete', '--query', 'pull'], { home, terminal: true, input: 'y\n' });
    assert.equal(yes.code, 0, yes.stderr);
    assert.equal((await entries(home)).length, 4);
  });

  test('the scope narrows what goes; several uuids go together or not at all', async (t) => {
    const home = await homeWithHistory(t);
    const [a, b] = (await entries(home)).map((e) => e['uuid'] as string);
    const missing = await cli(['delete', a!, '00000000-0000-7000-8000-000000000000'], { home });
    assert.equal(missing.code, 3, missing.stderr);
    assert.equal((await entries(home)).length, 5);
    const both = await cli(['delete', a!, b!], { home });
    assert.equal(both.code, 0, both.stderr);
    assert.equal((await entries(home)).length, 3);
    const other = await cli(['delete', '--query', 'ls', '--session', 'elsewhere', '--yes'], {
      home,
    });
    assert.match(other.stderr, /no entries match/);
  });
});

test('every help fits 80 columns', () => {
  const helps = [MAIN_HELP, ...(Object.keys(VERB_SPECS) as VerbName[]).map(verbHelp)];
  for (const help of helps)
    for (const line of help.split('\n'))
      assert.ok(line.length <= 80, `${line.length} columns: ${line}`);
});

describe('from the hostile review', () => {
  test('a delete query with no term that must match is refused: nothing is deleted', async (t) => {
    const home = tempHome(t);
    for (const command of ['ls -la', 'git status']) await recorded(home, ['--command', command]);
    for (const query of ["'", '^', '!', '^$', '!ls', '  ']) {
      const result = await cli(['delete', '--query', query, '--yes'], { home });
      assert.equal(result.code, 2, `${JSON.stringify(query)}: ${result.stderr}`);
      assert.match(result.stderr, /no term that must match/);
    }
    assert.equal((await entries(home)).length, 2);
  });

  test('delete of the same uuid twice, or again after it went, is done once, not an error', async (t) => {
    const home = tempHome(t);
    const uuid = await recorded(home, ['--command', 'once']);
    assert.equal((await cli(['delete', uuid, uuid], { home })).code, 0);
    assert.equal((await cli(['delete', uuid], { home })).code, 0);
    assert.equal((await entries(home)).length, 0);
  });

  test('a value given twice is refused, not "the last wins"', async (t) => {
    const result = await cli(['record', '--command', 'ls', '--command', 'pwd'], {
      home: tempHome(t),
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--command is given more than once/);
  });

  test('empty --cwd, a timestamp past 2100 and an empty command name their flag', async (t) => {
    const home = tempHome(t);
    const cases: [string[], RegExp][] = [
      [['record', '--command', 'ls', '--cwd', ''], /record: --cwd is empty/],
      [['search', '--cwd', ''], /search: --cwd is empty/],
      [
        ['record', '--command', 'ls', '--timestamp', '9999999999999'],
        /record: --timestamp expects/,
      ],
      [['record', '--command', ''], /record: --command: expected a non-empty string/],
    ];
    for (const [args, pattern] of cases) {
      const result = await cli(args, { home });
      assert.equal(
        result.code === 2 || result.code === 5,
        true,
        `${args.join(' ')}: ${result.code}`,
      );
      assert.match(result.stderr, pattern);
    }
  });

  test('control sequences in arguments are neutralised in error messages', async (t) => {
    const result = await cli(['\u001b]0;pwned\u0007', 'x'], { home: tempHome(t) });
    assert.equal(result.code, 2);
    assert.ok(
      !result.stderr.includes('\u001b') && !result.stderr.includes('\u0007'),
      result.stderr,
    );
  });

  test('in a symlinked directory, --cwd . and the default directory are the path the shell shows', async (t) => {
    const home = tempHome(t);
    const real = join(home, 'real');
    mkdirSync(real);
    const link = join(home, 'link');
    symlinkSync(real, link);
    // As the bash hook records it: --cwd="$PWD", the logical path.
    await runCli(['record', '--command', 'hooked', `--cwd=${link}`], {
      home,
      cwd: real,
      env: { PWD: link },
    });
    await runCli(['record', '--command', 'typed'], { home, cwd: real, env: { PWD: link } });
    const found = await runCli(['search', '--json', '--cwd', '.'], {
      home,
      cwd: real,
      env: { PWD: link },
    });
    const commands = (JSON.parse(found.stdout) as Entry[]).map((e) => e['command']).sort();
    assert.deepEqual(commands, ['hooked', 'typed']);
    // A $PWD that is not this directory is not trusted.
    await runCli(['record', '--command', 'elsewhere'], { home, cwd: real, env: { PWD: home } });
    const all = await entries(home);
    assert.equal(all.find((e) => e['command'] === 'elsewhere')?.['cwd'], real);
  });
});

test('delete --query with two filters finds entries whose newest run is outside one of them', async (t) => {
  const home = tempHome(t);
  // The newest `make` of session s1 ran in /b; the older one in /a is what --cwd /a asks for.
  await recorded(home, [
    '--command',
    'make',
    '--session',
    's1',
    '--cwd',
    '/a',
    '--timestamp',
    '1000',
  ]);
  await recorded(home, [
    '--command',
    'make',
    '--session',
    's1',
    '--cwd',
    '/b',
    '--timestamp',
    '2000',
  ]);
  const dry = await cli(
    ['delete', '--query', 'make', '--session', 's1', '--cwd', '/a', '--dry-run'],
    {
      home,
    },
  );
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stderr, /would delete 1 entry of 1 command/);
});
