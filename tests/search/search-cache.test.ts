import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeHlc } from '../../source/core/hlc.js';
import { CacheSyncStore } from '../../source/storage/cache-sync-store.js';
import { LocalCache } from '../../source/storage/local-cache.js';
import { search } from '../../source/search/search.js';
import { makeEntry } from '../helpers/entries.js';
import { runCli } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';

function cacheWithHistory(t: Parameters<typeof tempHome>[0]) {
  let now = 1_700_000_000_000;
  const cache = LocalCache.open(join(tempHome(t), 'cache.db'), {
    now: () => (now += 1000),
    hostname: 'laptop',
  });
  t.after(() => cache.close());
  cache.record({ command: 'git status', sessionId: 's1', cwd: '/repo' });
  cache.record({ command: 'git status', sessionId: 's2', cwd: '/other' });
  cache.record({ command: 'npm test', sessionId: 's1', cwd: '/repo' });
  cache.record({ command: 'docker ps -a', sessionId: 's2', cwd: '/other' });
  // Entries from another machine arrive through a pull, as sync would bring them.
  const remote = ['git stash', 'git status', 'kubectl get pods'].map((command, i) =>
    makeEntry(100 + i, {
      uuid: `remote-${i}`,
      command,
      machineId: 'desktop-1',
      sessionId: 'd1',
      timestamp: now + 10_000 + i,
      version: encodeHlc({ wall: now + i, counter: 0, node: 'desktop-1' }),
    }),
  );
  new CacheSyncStore(cache).applyPull({
    rows: remote,
    quarantined: [],
    lastSeq: 3,
    maxSeq: 3,
    more: false,
  });
  return cache;
}

const commands = (results: ReturnType<typeof search>) => results.map((r) => r.entry.command);

test('one result per distinct command, across machines, with use counts', (t) => {
  const cache = cacheWithHistory(t);
  const results = search(cache, 'gst');
  assert.deepEqual(commands(results).slice(0, 2).sort(), ['git stash', 'git status']);
  const status = results.find((r) => r.entry.command === 'git status')!;
  assert.equal(status.uses, 3, 'twice here, once on the desktop');
  assert.equal(status.entry.machineId, 'desktop-1', 'the newest entry stands for the command');
});

test('scopes: this machine, this session, this directory', (t) => {
  const cache = cacheWithHistory(t);
  assert.deepEqual(commands(search(cache, 'g', { machineId: 'desktop-1' })).sort(), [
    'git stash',
    'git status',
    'kubectl get pods',
  ]);
  assert.deepEqual(commands(search(cache, 'g', { machineId: cache.machineId })), ['git status']);
  assert.deepEqual(commands(search(cache, 't', { sessionId: 's1' })).sort(), [
    'git status',
    'npm test',
  ]);
  assert.deepEqual(commands(search(cache, 'p', { cwd: '/other' })), ['docker ps -a']);
  assert.deepEqual(commands(search(cache, 'git', { sessionId: 's2', cwd: '/repo' })), []);
});

test('deletes and updates keep the candidates right', (t) => {
  const cache = cacheWithHistory(t);
  const [docker] = cache.list({ limit: 1, contains: 'docker' });
  cache.delete(docker!.uuid);
  assert.deepEqual(commands(search(cache, 'docker')), []);
  const stats = cache.db
    .prepare("SELECT uses FROM command_stats WHERE command = 'git status' AND machine_id = ?")
    .pluck()
    .get(cache.machineId);
  assert.equal(stats, 2);
  for (const entry of cache.list({ limit: 10, contains: 'git status', machineId: cache.machineId }))
    cache.delete(entry.uuid);
  assert.equal(search(cache, 'git status').find((r) => r.entry.command === 'git status')?.uses, 1);
});

test('search --json returns match positions, best first', async (t) => {
  const home = tempHome(t);
  for (const command of ['npm install typescript', 'npm test']) {
    await runCli(['record', '--command', command], { home });
  }
  const result = await runCli(['search', 'npmt', '--json'], { home });
  assert.equal(result.code, 0, result.stderr);
  const hits = JSON.parse(result.stdout) as {
    command: string;
    positions: number[];
    uses: number;
  }[];
  assert.deepEqual(
    hits.map((h) => h.command),
    ['npm test', 'npm install typescript'],
  );
  assert.deepEqual(hits[0]!.positions, [0, 1, 2, 4]);
  assert.equal(hits[0]!.uses, 1);
});
