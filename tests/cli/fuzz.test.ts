/**
 * Random and hostile input at every verb and at `record --stdin`: each run ends with a
 * known exit code, a clear last line on stderr (never a stack trace), and, when it fails,
 * the cache exactly as it was. Seeded, so a failure replays.
 *
 * The random runs call the verbs in this process (run-cli-in-process.ts): what they check is
 * the verbs' answers, and a process per run made this the slowest file of the suite. The
 * hostile bytes go through the built binary, a real pipe on its stdin.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { NDJSON_FIELDS } from '../../source/commands/ndjson-entries.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { tempHome } from '../helpers/temp-home.js';

// Every verb but `server` (runs in the foreground) and the TUI (needs a terminal).
const VERBS = [
  'record',
  'update',
  'delete',
  'search',
  'status',
  'sync',
  'conflicts',
  'import',
  'export',
  'stats',
  'init',
  'config',
  'repair',
  'nonsense',
];
const FLAGS = [
  '--command',
  '--response',
  '--status',
  '--tokens',
  '--duration',
  '--session',
  '--cwd',
  '--stdin',
  '--json',
  '--limit',
  '--machine',
  '--keep',
  '--format',
  '--force',
  '--help',
  '-x',
  '--',
];
const EXIT_CODES = new Set([0, 2, 3, 4, 5]);

/** Text a person or a broken script could produce: controls, escapes, odd Unicode, long runs. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replaceAll(String.fromCharCode(0), '')),
  fc.constantFrom(
    '\u001b[2J\u001b]0;pwned\u0007',
    '-1',
    '99999999999999999999',
    'NaN',
    '',
    ' ',
    '"\'',
    '${HOME}',
    '\ud800',
    'ß'.repeat(3000),
    '../../etc/passwd',
    'local',
    'remote',
  ),
);
const argument = fc.oneof(fc.constantFrom(...FLAGS), hostileText);

function cacheDigest(home: string): string {
  try {
    const db = new Database(join(home, 'cache.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare('SELECT id, version, deleted FROM history_cache ORDER BY id')
        .raw()
        .all();
      const queue = db.prepare('SELECT id FROM sync_queue ORDER BY id').raw().all();
      return createHash('sha256')
        .update(JSON.stringify([rows, queue]))
        .digest('hex');
    } finally {
      db.close();
    }
  } catch {
    return 'no cache';
  }
}

function assertClean(result: CliResult, what: string): void {
  assert.ok(
    result.code !== null && EXIT_CODES.has(result.code),
    `${what}: exit ${result.code}\n${result.stderr}`,
  );
  assert.ok(!/\n\s+at .+[:(]\d+/.test(result.stderr), `${what}: a stack trace\n${result.stderr}`);
  assert.ok(!result.stderr.includes('internal error'), `${what}: ${result.stderr}`);
  if (result.code !== 0) {
    const last = result.stderr.trim().split('\n').at(-1) ?? '';
    assert.match(
      last,
      /^mcp-terminal: \S/,
      `${what}: no clear last line: ${JSON.stringify(result.stderr)}`,
    );
  }
}

test('random arguments to every verb: clear errors, no traces, the cache untouched on failure', async (t) => {
  const home = tempHome(t);
  assert.equal((await runCliInProcess(['record', '--command', 'seed entry'], { home })).code, 0);
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...VERBS),
      fc.array(argument, { maxLength: 5 }),
      async (verb, args) => {
        const before = cacheDigest(home);
        const result = await runCliInProcess([verb, ...args], { home });
        const what = JSON.stringify([verb, ...args]).slice(0, 300);
        assertClean(result, what);
        if (result.code !== 0)
          assert.equal(cacheDigest(home), before, `${what} failed but changed the cache`);
      },
    ),
    { numRuns: 300, seed: 20261126 },
  );
});

const wrongValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
  hostileText,
);
const ndjsonLine = fc.oneof(
  fc.record({ command: hostileText }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
  fc
    .dictionary(fc.constantFrom(...NDJSON_FIELDS, 'extra'), wrongValue, { maxKeys: 4 })
    .map((o) => JSON.stringify(o)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

test('random NDJSON on record --stdin: all or nothing, one clear line when refused', async (t) => {
  const home = tempHome(t);
  await fc.assert(
    fc.asyncProperty(fc.array(ndjsonLine, { minLength: 1, maxLength: 6 }), async (lines) => {
      const before = cacheDigest(home);
      const result = await runCliInProcess(['record', '--stdin'], {
        home,
        input: lines.join('\n'),
      });
      assertClean(result, JSON.stringify(lines).slice(0, 300));
      if (result.code !== 0) assert.equal(cacheDigest(home), before);
    }),
    { numRuns: 200, seed: 20261126 },
  );
});

test('hostile bytes: multi-MB fields, NUL, invalid UTF-8, a binary stream', async (t) => {
  const home = tempHome(t);
  assert.equal((await runCli(['record', '--command', 'seed entry'], { home })).code, 0);
  const cases: [string, string | Buffer, number][] = [
    ['a 5 MB command', JSON.stringify({ command: 'x'.repeat(5 * 1024 * 1024) }), 2],
    [
      'an 8 MB response',
      JSON.stringify({ command: 'ok', response: 'y'.repeat(8 * 1024 * 1024) }),
      2,
    ],
    [
      'a 3 MB response (allowed)',
      JSON.stringify({ command: 'big answer', response: 'z'.repeat(3 * 1024 * 1024) }),
      0,
    ],
    [
      'NUL inside a JSON string (allowed, shown safely)',
      JSON.stringify({ command: 'a\u0000b' }),
      0,
    ],
    ['raw NUL bytes', Buffer.from([0x7b, 0x00, 0x7d, 0x0a]), 2],
    [
      'invalid UTF-8',
      Buffer.concat([
        Buffer.from('{"command":"caf'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('"}'),
      ]),
      0,
    ],
    ['random binary', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 2],
  ];
  for (const [what, input, code] of cases) {
    const before = cacheDigest(home);
    const result = await runCli(['record', '--stdin'], { home, input });
    assertClean(result, what);
    assert.equal(result.code, code, `${what}: ${result.stderr}`);
    if (code !== 0) assert.equal(cacheDigest(home), before, `${what} changed the cache`);
  }
  // What was stored reads back safely.
  const listed = await runCli(['search', '--limit', '10'], { home });
  assert.equal(listed.code, 0);
  assert.ok(!listed.stdout.includes('\u0000') && !listed.stdout.includes('\u001b'));
});
