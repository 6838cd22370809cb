import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SearchEngine, type Candidate } from '../../source/core/search/engine.js';
import { narrows, parseQuery } from '../../source/core/search/query.js';

function engine(commands: string[], extra: Partial<Record<string, Partial<Candidate>>> = {}) {
  return new SearchEngine(
    commands.map((command, i) => ({
      command,
      uses: 1,
      lastUsed: 1000 + i,
      uuid: `u${i}`,
      ...extra[command],
    })),
  );
}

const top = (e: SearchEngine, query: string, limit = 10) =>
  e.search(query, limit).map((hit) => hit.candidate.command);

describe('ranking real-looking commands', () => {
  test('npmt ranks "npm test" above "npm install typescript"', () => {
    // The weaker match is the more recent one: ranking must still put the better match first.
    const e = engine(['npm test', 'npm install typescript']);
    assert.deepEqual(top(e, 'npmt').slice(0, 2), ['npm test', 'npm install typescript']);
  });

  test('"dkr ps" finds "docker ps -a" (both terms, in order within each)', () => {
    const e = engine(['docker ps -a', 'dark mode toggle', 'ps aux', 'docker images']);
    assert.deepEqual(top(e, 'dkr ps'), ['docker ps -a']);
  });

  test('a query equal to a whole command puts that command first', () => {
    const e = engine(['git status --short', 'git stash', 'git status', 'gitk --all status']);
    assert.equal(top(e, 'git status')[0], 'git status');
    assert.equal(top(e, 'GIT STATUS'.toLowerCase())[0], 'git status');
  });

  test('a path query prefers matches at / boundaries', () => {
    const e = engine([
      'vim source/core/hlc.ts',
      'vim resources/scheduled.ts',
      'cat docs/schedule.md',
    ]);
    assert.equal(top(e, 'src/hlc')[0], 'vim source/core/hlc.ts');
    const paths = engine(['ls abc/sync/manager', 'ls async-manager/x']);
    assert.equal(top(paths, 'sync/man')[0], 'ls abc/sync/manager');
  });

  test('consecutive and word-start matches beat scattered ones', () => {
    const e = engine(['make test', 'mark the asset']);
    assert.equal(top(e, 'mtest')[0], 'make test');
    const camel = engine(['runSyncJob()', 'rusty jobs']);
    assert.equal(top(camel, 'rsj')[0], 'runSyncJob()');
  });

  test('ties break by recency, then by use count', () => {
    const e = engine(['git pull', 'git pull'], {});
    const hits = e.search('git pull', 2);
    assert.equal(hits[0]!.candidate.uuid, 'u1', 'the more recent of equal matches first');
    const used = new SearchEngine([
      { command: 'ls -la', uses: 1, lastUsed: 5, uuid: 'a' },
      { command: 'ls -la', uses: 9, lastUsed: 5, uuid: 'b' },
    ]);
    assert.equal(used.search('ls', 2)[0]!.candidate.uuid, 'b');
  });

  test('match positions mark the matched characters', () => {
    const [hit] = engine(['npm test']).search('npmt', 1);
    assert.deepEqual(hit!.positions, [0, 1, 2, 4]);
  });

  test('no query lists the newest first', () => {
    assert.deepEqual(top(engine(['old', 'newer', 'newest']), ''), ['newest', 'newer', 'old']);
  });
});

describe('query syntax', () => {
  const e = engine([
    'git status',
    'git stash pop',
    'echo status',
    'status-report.sh',
    'Makefile build',
  ]);
  test("'exact matches a substring only", () => {
    assert.deepEqual(top(e, "'stat").sort(), ['echo status', 'git status', 'status-report.sh']);
    assert.deepEqual(top(e, "'sts"), []);
  });
  test('^prefix and suffix$ and ^equal$', () => {
    assert.deepEqual(top(e, '^git').sort(), ['git stash pop', 'git status']);
    assert.deepEqual(top(e, 'status$').sort(), ['echo status', 'git status']);
    assert.deepEqual(top(e, '^git status$'), ['git status'], 'two terms: a prefix and a suffix');
    assert.deepEqual(top(e, '^echo'), ['echo status']);
    assert.deepEqual(top(engine(['ls', 'ls -la']), '^ls$'), ['ls']);
  });
  test('!negation excludes, and terms combine with AND', () => {
    assert.deepEqual(top(e, 'st !git').sort(), ['echo status', 'status-report.sh']);
    assert.deepEqual(top(e, '^git !pop'), ['git status']);
    assert.deepEqual(top(e, 'git pop'), ['git stash pop']);
  });
  test('smart case: lowercase ignores case, an uppercase letter makes the term exact-case', () => {
    assert.deepEqual(top(e, 'makefile'), ['Makefile build']);
    assert.deepEqual(top(e, 'Makef'), ['Makefile build']);
    assert.deepEqual(top(e, 'MakeF'), []);
  });
  test('operators alone are ignored rather than matching nothing; a lone $ is a character', () => {
    assert.equal(parseQuery("! ' ^").length, 0);
    assert.equal(top(e, '^').length, 5);
    assert.deepEqual(top(engine(['echo $HOME', 'ls']), '$'), ['echo $HOME']);
  });
});

describe('Unicode', () => {
  const e = engine([
    'café au lait',
    'naïve bayes',
    '日本語の入力',
    'deploy 🚀 now',
    'rocket 🚀🚀',
    'İstanbul trip',
  ]);
  test('accents, CJK and emoji match without crashes and highlight whole characters', () => {
    assert.deepEqual(top(e, 'café'), ['café au lait']);
    assert.deepEqual(top(e, '本語'), ['日本語の入力']);
    const [rocket] = e.search('🚀 now', 1);
    assert.equal(rocket!.candidate.command, 'deploy 🚀 now');
    const shown = rocket!.positions.map((p) => rocket!.candidate.command[p]).join('');
    assert.equal(shown, '🚀now');
    // 'İ' lowercases to two code units; such a command is compared as written, without crashing.
    assert.deepEqual(top(e, 'stanbul'), ['İstanbul trip']);
  });
  test('an emoji in the query never matches half of a different emoji', () => {
    const faces = engine(['😃 smile', 'plain']);
    assert.deepEqual(top(faces, '😀'), []);
  });
});

describe('incremental search', () => {
  test('narrows only when the query grew without weakening it', () => {
    assert.equal(narrows('git', 'git s'), true);
    assert.equal(narrows('gi', 'git'), true);
    assert.equal(narrows('git', 'gi'), false);
    assert.equal(narrows('!gi', '!git'), false);
    assert.equal(narrows('foo$', 'foo$x'), false);
    assert.equal(narrows('foo$ ', 'foo$ b'), true);
  });

  test('typing keystroke by keystroke gives exactly the results of a fresh search', () => {
    const words = [
      'git',
      'status',
      'npm',
      'test',
      'docker',
      'ps',
      '-a',
      'src/core',
      'Make',
      'build',
      'café',
      '🚀',
    ];
    const commands = fc.sample(
      fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
      { numRuns: 400, seed: 7 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."gitsnpmd a/-^$!'Mcé".split('')), maxLength: 8 }),
        (query) => {
          const incremental = engine(commands);
          let last: string[] = [];
          for (let i = 1; i <= query.length; i++) last = top(incremental, query.slice(0, i), 20);
          const fresh = top(engine(commands), query, 20);
          assert.deepEqual(query.length === 0 ? fresh : last, fresh);
        },
      ),
      { numRuns: 300 },
    );
  });
});
