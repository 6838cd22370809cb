/**
 * The sync lease: the pure decision (does a lease still keep others out?) with a liveness
 * port, and the same decision through a real cache file and real processes: a child killed
 * with SIGKILL, a zombie, this test process.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { LocalCache } from '../../source/storage/local-cache.js';
import {
  acquireLease,
  activeLease,
  describeLeaseHolder,
  leaseHolds,
  leaseOwner,
  processIsAlive,
  readLeaseProgress,
  releaseLease,
  thisProcess,
  writeLeaseProgress,
  type Lease,
  type LeaseJudge,
} from '../../source/storage/sync-lease.js';
import { spawnOwned } from '../helpers/reaper.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

const NOW = 1_700_000_000_000;
const here = { host: 'laptop', pidNamespace: 'pid:[4026531836]' } as const;

/** A judge on `here` that knows which pids are alive (and records what it was asked). */
function judge(alive: readonly number[]): LeaseJudge & { asked: number[] } {
  const asked: number[] = [];
  return {
    ...here,
    asked,
    isAlive: (pid) => {
      asked.push(pid);
      return alive.includes(pid);
    },
  };
}

const lease = (fields: Partial<Lease> = {}): Lease => ({
  owner: 'sync-41-abcdef12',
  expiresAt: NOW + 30_000,
  pid: 41,
  ...here,
  ...fields,
});

describe('leaseHolds (the pure decision)', () => {
  test('a live holder of this host holds until its expiry', () => {
    assert.equal(leaseHolds(lease(), NOW, judge([41])), true);
    assert.equal(leaseHolds(lease(), NOW + 30_000, judge([41])), false);
  });

  test('a dead holder of this host is passed over at once', () => {
    const check = judge([]);
    assert.equal(leaseHolds(lease(), NOW, check), false);
    assert.deepEqual(check.asked, [41]);
  });

  test('a holder that cannot be judged from here holds until its expiry, however it fares', () => {
    const cases: Partial<Lease>[] = [
      { host: 'desktop' }, // a home on a disk shared with another host
      { pidNamespace: 'pid:[4026532999]' }, // another container on this host
      { pid: undefined, host: undefined, pidNamespace: undefined }, // a row from before pids
    ];
    for (const fields of cases) {
      const check = judge([]);
      assert.equal(leaseHolds(lease(fields), NOW, check), true, JSON.stringify(fields));
      assert.equal(leaseHolds(lease(fields), NOW + 30_000, check), false);
      assert.deepEqual(check.asked, [], 'its pid means nothing here: never asked');
    }
  });

  test('the holder is described for a person, with its host when it is another', () => {
    assert.equal(describeLeaseHolder(lease(), here), 'pid 41, a one-shot mcp-terminal sync');
    assert.equal(
      describeLeaseHolder(lease({ owner: 'worker-7-0000aaaa', pid: 7 }), here),
      'pid 7, the sync worker of an open TUI or assistant',
    );
    assert.equal(
      describeLeaseHolder(lease({ owner: 'repair-9-0000aaaa', host: 'desktop', pid: 9 }), here),
      'pid 9 on host desktop, mcp-terminal repair',
    );
    assert.equal(describeLeaseHolder({ owner: 'someone', expiresAt: NOW }, here), 'owner someone');
    assert.match(leaseOwner('worker'), new RegExp(`^worker-${process.pid}-[0-9a-f]{8}$`));
  });
});

/** A child process that lives until killed; its pid. */
async function liveChild(t: TestContext) {
  const child = spawnOwned(process.execPath, ['-e', 'setInterval(() => {}, 1e6)'], {
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  t.after(() => child.kill('SIGKILL'));
  await new Promise((resolve, reject) => child.once('spawn', resolve).once('error', reject));
  return { pid: child.pid!, kill: () => (child.kill('SIGKILL'), exited) };
}

function openCache(t: TestContext): LocalCache {
  const cache = LocalCache.open(join(tempHome(t), 'cache.db'));
  t.after(() => cache.close());
  return cache;
}

describe('processIsAlive and the lease row, with real processes', () => {
  test('alive: this process and a running child; dead: the same child after SIGKILL', async (t) => {
    assert.equal(processIsAlive(process.pid), true);
    const child = await liveChild(t);
    assert.equal(processIsAlive(child.pid), true);
    await child.kill(); // reaped by the time 'exit' is emitted
    assert.equal(processIsAlive(child.pid), false);
  });

  test('a zombie (dead, not reaped by its parent) is dead', async (t) => {
    // sh starts `sleep 0` and becomes `sleep 1000`, which never reaps it.
    const parent = spawnOwned('sh', ['-c', 'sleep 0 & echo $!; exec sleep 1000'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    t.after(() => parent.kill('SIGKILL'));
    let out = '';
    parent.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const zombie = Number(await waitFor('the pid of sleep 0', () => out.trim()));
    const state = () => {
      const stat = readFileSync(`/proc/${zombie}/stat`, 'utf8');
      return stat.charAt(stat.lastIndexOf(')') + 2);
    };
    await waitFor('sleep 0 to become a zombie', () => state() === 'Z');
    assert.doesNotThrow(() => process.kill(zombie, 0), 'signal 0 still reaches a zombie');
    assert.equal(processIsAlive(zombie), false);
  });

  test('a lease left by a killed holder is taken over at once; a live holder keeps it', async (t) => {
    const cache = openCache(t);
    const holder = await liveChild(t);
    const planted = `sync-${holder.pid}-planted0`;
    const taken = acquireLease(cache, planted, 600_000, NOW, { ...thisProcess(), pid: holder.pid });
    assert.deepEqual(taken, { taken: true });
    writeLeaseProgress(cache, { phase: 'push', done: 50, total: 500 });

    const mine = leaseOwner('sync');
    const refused = acquireLease(cache, mine, 30_000, NOW);
    assert.equal(refused.taken, false);
    assert.equal(!refused.taken && refused.holder.owner, planted);
    assert.equal(!refused.taken && refused.holder.pid, holder.pid);
    assert.equal(activeLease(cache, NOW)?.owner, planted, 'status shows SYNCING');

    await holder.kill();
    assert.equal(activeLease(cache, NOW), null, 'a dead holder no longer shows SYNCING');
    assert.deepEqual(acquireLease(cache, mine, 30_000, NOW), { taken: true });
    assert.equal(readLeaseProgress(cache), null, "the dead holder's progress is cleared");
    const now = activeLease(cache, NOW);
    assert.equal(now?.owner, mine);
    assert.equal(now?.pid, process.pid);
    assert.equal(now?.host, thisProcess().host);

    // Releasing a lease someone else took over leaves theirs alone.
    releaseLease(cache, planted);
    assert.equal(activeLease(cache, NOW)?.owner, mine);
    releaseLease(cache, mine);
    assert.equal(activeLease(cache, NOW), null);
  });
});
