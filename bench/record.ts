/**
 * Local write latency on a 1,000,000-entry cache: LocalCache.record (row + queue entry + clock
 * in one transaction) against a bare better-sqlite3 INSERT of the same row into the same
 * table, interleaved so both see the same cache state, WAL checkpoints included.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { LocalCache } from '../source/storage/local-cache.js';
import { cacheFixture, copyFixture } from './fixtures.js';
import { ms, summarize } from './stats.js';

export function benchRecordLatency(samples: number): string[] {
  const path = copyFixture(cacheFixture(1_000_000, 50_000), 'record-latency.db');
  const cache = LocalCache.open(path);
  const bare = cache.db.prepare(
    `INSERT INTO history_cache (id, command, response, timestamp, machine_id, session_id, status, tokens_used, command_uuid, cwd, version, deleted)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  for (let i = 0; i < 300; i++) cache.record({ command: `warm-up ${i}` }); // prepare, page in
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < samples; i++) {
    const command = `git commit -m "bench ${i}"`;
    let start = performance.now();
    cache.record({
      command,
      response: 'ok',
      sessionId: 'bench',
      cwd: '/tmp',
      tokensUsed: 5,
      status: 'ok',
    });
    ours.push(performance.now() - start);
    const uuid = randomUUID();
    start = performance.now();
    bare.run(
      uuid,
      command,
      'ok',
      Date.now(),
      cache.machineId,
      'bench',
      'ok',
      5,
      uuid,
      '/tmp',
      `bare-${uuid}`,
    );
    baseline.push(performance.now() - start);
  }
  // The checkpoint record() no longer pays for: measured here so its cost stays visible.
  const walMb = statSync(`${path}-wal`).size / 1e6;
  const start = performance.now();
  cache.maintain();
  const checkpointMs = performance.now() - start;
  cache.close();
  const a = summarize(ours);
  const b = summarize(baseline);
  return [
    `| record (LocalCache.record) | ${ms(a.p50)} | ${ms(a.p99)} | ${ms(a.p999)} | ${ms(a.max)} |`,
    `| baseline: bare INSERT, same row | ${ms(b.p50)} | ${ms(b.p99)} | ${ms(b.p999)} | ${ms(b.max)} |`,
    `| ratio record / bare | ${(a.p50 / b.p50).toFixed(2)}x | ${(a.p99 / b.p99).toFixed(2)}x | ${(a.p999 / b.p999).toFixed(2)}x | |`,
    `| deferred WAL checkpoint after the run (maintain(), ${walMb.toFixed(0)} MB WAL) | ${ms(checkpointMs)} | | | |`,
  ];
}
