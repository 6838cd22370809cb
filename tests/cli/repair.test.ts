/**
 * Damaged caches on real files: detected with the path and what to do, and `repair`
 * rebuilds from what the file still yields plus a real sqld.
 */
import assert from 'node:assert/strict';
import {
  existsSync,
  openSync,
  readdirSync,
  truncateSync,
  writeFileSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { CLI_PATH, runCli } from '../helpers/run-cli.js';
import { serverHistoryCount, startSqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';

function records(count: number, prefix: string): string {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ command: `${prefix} ${i} ${'x'.repeat(100)}`, timestamp: 1_000_000 + i }),
  ).join('\n');
}

/** Moves everything from the WAL into the main file, as a quiet machine would have. */
function checkpoint(home: string): void {
  const db = new Database(join(home, 'cache.db'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

async function count(home: string): Promise<number> {
  const result = await runCli(['stats', '--json'], { home });
  assert.equal(result.code, 0, result.stderr);
  return (JSON.parse(result.stdout) as { total: number }).total;
}

async function syncedHome(t: TestContext) {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  const env = { TURSO_DATABASE_URL: sqld.url };
  const home = tempHome(t);
  assert.equal(
    (await runCli(['record', '--stdin'], { home, input: records(3000, 'synced') })).code,
    0,
  );
  assert.equal((await runCli(['sync'], { home, env })).code, 0);
  // Recorded after the last sync: only this file has them.
  assert.equal(
    (await runCli(['record', '--stdin'], { home, input: records(5, 'unsynced') })).code,
    0,
  );
  checkpoint(home);
  return { sqld, env, home };
}

test('a truncated cache is refused with its path; repair keeps the unsynced entries and refills from the server', async (t) => {
  const { sqld, env, home } = await syncedHome(t);
  const cachePath = join(home, 'cache.db');
  truncateSync(cachePath, Math.floor(statSync(cachePath).size / 2));

  const status = await runCli(['status'], { home });
  assert.equal(status.code, 4);
  assert.equal(status.stderr.trim().split('\n').length, 1);
  assert.ok(
    status.stderr.includes(`the cache ${cachePath} is damaged (it is cut short`),
    status.stderr,
  );
  assert.match(status.stderr, /run: mcp-terminal repair/);

  const repaired = await runCli(['repair'], { home, env });
  assert.equal(repaired.code, 0, repaired.stderr);
  assert.match(repaired.stdout, /is damaged: .*cut short/);
  assert.match(repaired.stdout, /moved it to .*cache\.db\.damaged-/);
  assert.match(
    repaired.stdout,
    /recovered [\d,]+ entries \([\d,]+ not confirmed by the server, queued again: /,
  );
  assert.match(repaired.stdout, /synced with the server: \d+ uploaded, \d+ downloaded/);
  assert.equal(await count(home), 3005);
  assert.equal(await serverHistoryCount(sqld.url), 3005);
  assert.ok(
    readdirSync(home).some((name) => name.startsWith('cache.db.damaged-')),
    'the old file is kept',
  );
  assert.match(
    (await runCli(['repair'], { home })).stdout,
    /is healthy \(quick_check ok\): nothing to do/,
  );
});

test('garbage where the cache should be: a clear error everywhere; repair starts over from the server', async (t) => {
  const { env, home } = await syncedHome(t);
  writeFileSync(join(home, 'cache.db'), Buffer.alloc(8192, 0x5a));
  for (const args of [['record', '--command', 'ls'], ['search', 'x'], ['sync']]) {
    const result = await runCli(args, { home, env });
    assert.equal(result.code, 4, args.join(' '));
    assert.match(
      result.stderr,
      /is damaged \(it is not a SQLite database\); run: mcp-terminal repair/,
    );
  }
  const repaired = await runCli(['repair'], { home, env });
  assert.equal(repaired.code, 0, repaired.stderr);
  assert.match(repaired.stdout, /recovered 0 entries/);
  assert.equal(
    await count(home),
    3000,
    'everything the server had; the 5 unsynced were only in the lost file',
  );
});

test('a damaged page in the middle: found by quick_check, the rest of the rows kept', async (t) => {
  const { env, home } = await syncedHome(t);
  const cachePath = join(home, 'cache.db');
  // Scribble over a leaf page in the middle of the history table.
  const db = new Database(cachePath, { readonly: true });
  const leaves = db
    .prepare("SELECT pageno FROM dbstat WHERE name = 'history_cache' AND pagetype = 'leaf'")
    .pluck()
    .all() as number[];
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const victim = leaves[Math.floor(leaves.length / 2)]!;
  const fd = openSync(cachePath, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (victim - 1) * pageSize);
  closeSync(fd);
  const search = await runCli(['search', '--limit', '5000'], { home });
  assert.equal(search.code, 4, 'reading the damaged page is reported');
  assert.match(
    search.stderr,
    /is damaged \(database disk image is malformed\); run: mcp-terminal repair/,
  );
  const repaired = await runCli(['repair'], { home, env });
  assert.equal(repaired.code, 0, repaired.stderr);
  assert.match(repaired.stdout, /is damaged: /);
  assert.match(repaired.stdout, /recovered [\d,]+ entries/);
  assert.equal(await count(home), 3005);
  assert.ok(existsSync(cachePath));
});

test('no room to write (a file size limit, as a full disk): a clear error, nothing stored before is lost', async (t) => {
  const home = tempHome(t);
  assert.equal(
    (await runCli(['record', '--stdin'], { home, input: records(200, 'kept') })).code,
    0,
  );
  checkpoint(home);
  const big = join(tempHome(t, 'mcp-big-'), 'big.ndjson');
  writeFileSync(big, records(20_000, 'too much'));
  // ulimit -f: writes past 600 KB fail in the kernel, the way they do on a full disk.
  const result = spawnSync(
    'bash',
    ['-c', `ulimit -f 600; exec "${process.execPath}" "${CLI_PATH}" record --stdin < "${big}"`],
    { env: { ...process.env, MCP_TERMINAL_HOME: home }, encoding: 'utf8' },
  );
  assert.equal(result.status, 4, result.stderr);
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  assert.match(last, /^mcp-terminal: cannot write .*cache\.db \(.*\): the disk may be full/);
  assert.ok(!result.stderr.includes('    at '), result.stderr);
  assert.equal(await count(home), 200);
});

test('a read-only home (a read-only mount): one clear line naming the folder, the cache as it was', async (t) => {
  const home = tempHome(t);
  assert.equal((await runCli(['record', '--command', 'stored before'], { home })).code, 0);
  // A private mount namespace (unshare) makes the home read-only for this one command.
  const result = spawnSync(
    'unshare',
    [
      '-rm',
      'bash',
      '-c',
      `mount --bind "${home}" "${home}" && mount -o remount,ro,bind "${home}" && exec "${process.execPath}" "${CLI_PATH}" record --command "after"`,
    ],
    { env: { ...process.env, MCP_TERMINAL_HOME: home }, encoding: 'utf8' },
  );
  assert.equal(result.status, 4, result.stderr);
  assert.equal(result.stderr.trim().split('\n').length, 1);
  assert.ok(result.stderr.includes(`(${home} is not writable: EROFS)`), result.stderr);
  assert.match(result.stderr, /set MCP_TERMINAL_HOME to another folder/);
  assert.equal(await count(home), 1);
});
