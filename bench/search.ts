/**
 * Fuzzy search at a million entries: typing sessions replayed keystroke by keystroke
 * through the engine (incremental, as the TUI uses it), against a naive linear scan of
 * every entry and against fzf-for-js (the published JavaScript port of fzf) on the same
 * data and the same keystrokes.
 */
import { Fzf } from 'fzf';
import { SearchEngine, type Candidate } from '../source/core/search/engine.js';
import { loadCandidates } from '../source/storage/candidates.js';
import { LocalCache } from '../source/storage/local-cache.js';
import { cacheFixture } from './fixtures.js';
import { prng } from './generate.js';
import { summarize } from './stats.js';

/** Queries a person would type for a target command: a few letters of its first words. */
function typingSessions(candidates: readonly Candidate[], count: number): string[] {
  const random = prng(99);
  const sessions: string[] = [];
  while (sessions.length < count) {
    const target = candidates[Math.floor(random() * Math.min(candidates.length, 20_000))]!.command;
    const words = target.split(/\s+/).filter((w) => /^[a-z]/i.test(w));
    if (words.length < 2) continue;
    sessions.push(`${words[0]!.slice(0, 3)} ${words[1]!.slice(0, 4)}`.toLowerCase());
  }
  return sessions;
}

function replay(
  sessions: readonly string[],
  searchOne: (query: string) => void,
  reset: () => void,
): number[] {
  const times: number[] = [];
  for (const query of sessions) {
    reset();
    for (let i = 1; i <= query.length; i++) {
      const start = performance.now();
      searchOne(query.slice(0, i));
      times.push(performance.now() - start);
    }
  }
  return times;
}

const heapMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

export function benchSearch(distinct: number, sessionsCount: number): string[] {
  const cache = LocalCache.open(cacheFixture(1_000_000, distinct));
  const before = heapMb();
  const loadStart = performance.now();
  const candidates = loadCandidates(cache, { kind: 'all' });
  const engine = new SearchEngine(candidates);
  const loadMs = performance.now() - loadStart;
  const indexMb = heapMb() - before;
  const all = cache.db
    .prepare('SELECT command FROM history_cache WHERE deleted = 0')
    .pluck()
    .all() as string[];
  cache.close();
  const sessions = typingSessions(candidates, sessionsCount);

  const ours = summarize(
    replay(
      sessions,
      (q) => engine.search(q, 50),
      () => engine.search('', 50),
    ),
  );

  const lowered = all.map((c) => c.toLowerCase());
  const naive = summarize(
    replay(
      sessions,
      (q) => {
        const found: string[] = [];
        for (let i = 0; i < lowered.length; i++)
          if (lowered[i]!.includes(q) && found.length < 50) found.push(all[i]!);
      },
      () => undefined,
    ),
  );

  const fzf = new Fzf(
    candidates.map((c) => c.command),
    { limit: 50 },
  );
  const fzfTimes = summarize(
    replay(
      sessions.slice(0, Math.max(3, sessionsCount / 4)),
      (q) => void fzf.find(q),
      () => undefined,
    ),
  );

  const label = `1,000,000 entries, ${candidates.length.toLocaleString('en')} distinct`;
  const f = (v: number) => `${v.toFixed(1)} ms`;
  return [
    `| ${label}: mcp-terminal (incremental) | ${f(ours.p50)} | ${f(ours.p95)} | ${f(ours.max)} | index ${indexMb.toFixed(0)} MB, loaded in ${loadMs.toFixed(0)} ms |`,
    `| ${label}: naive scan of every entry (substring) | ${f(naive.p50)} | ${f(naive.p95)} | ${f(naive.max)} | ours ${(naive.p95 / ours.p95).toFixed(1)}x faster at p95 |`,
    `| ${label}: fzf-for-js 0.5.2 (distinct commands) | ${f(fzfTimes.p50)} | ${f(fzfTimes.p95)} | ${f(fzfTimes.max)} | ours ${(fzfTimes.p95 / ours.p95).toFixed(1)}x faster at p95 |`,
  ];
}
