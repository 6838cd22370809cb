/**
 * `npm run bench [name...]`: runs the benchmarks and prints markdown for BENCHMARKS.md.
 * Every figure is paired with a baseline measured in the same run, on the same data.
 */
import { cpus, totalmem } from 'node:os';
import { benchBulkRecord, benchImport, benchStartup } from './cli-process.js';
import { cacheFixture } from './fixtures.js';
import { benchHook } from './hook.js';
import { benchRecordLatency } from './record.js';
import { benchSaturation } from './saturation.js';
import { benchSearch } from './search.js';
import { benchStall } from './stall.js';
import { benchSync } from './sync.js';
import { benchFirstFrame, benchKeystrokes, benchTuiStall } from './tui.js';

const only = new Set(process.argv.slice(2));
const wanted = (name: string) => only.size === 0 || only.has(name);
const out = (line = '') => process.stdout.write(`${line}\n`);

out(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
out(`Run: ${new Date().toISOString()}`);
out();

if (wanted('record')) {
  out('### Local write latency on a 1,000,000-entry cache (5,000 samples each, interleaved)');
  out();
  out('| what | p50 | p99 | p99.9 | max |');
  out('|---|---|---|---|---|');
  for (const row of benchRecordLatency(5000)) out(row);
  out();
}

if (wanted('startup')) {
  out('### Process start (20 runs each)');
  out();
  out('| command | p50 | p95 | baseline |');
  out('|---|---|---|---|');
  for (const row of benchStartup(20, cacheFixture(1_000_000, 50_000))) out(row);
  out();
}

if (wanted('hook')) {
  out('### Shell hook, per recorded command (300 commands; record runs: 30)');
  out();
  out('| what | figure | baseline |');
  out('|---|---|---|');
  for (const row of await benchHook(300)) out(row);
  out();
}

if (wanted('bulk')) {
  out('### Bulk record');
  out();
  out('| what | time | throughput | size |');
  out('|---|---|---|---|');
  for (const row of benchBulkRecord(1_000_000)) out(row);
  out();
}

if (wanted('import')) {
  out('### Import');
  out();
  out('| what | time | throughput |');
  out('|---|---|---|');
  for (const row of benchImport(1_000_000)) out(row);
  out();
}

if (wanted('sync')) {
  out('### Sync against one sqld on 127.0.0.1');
  out();
  out('| what | ours | baseline (same run) | ratio |');
  out('|---|---|---|---|');
  for (const row of await benchSync(100_000)) out(row);
  out();
}

if (wanted('stall')) {
  out(
    '### Longest main-thread stall while 100,000 entries sync (1 ms timer; total sync time in brackets)',
  );
  out();
  out('| where the sync runs | push 100,000 | pull 100,000 into an empty home |');
  out('|---|---|---|');
  for (const row of await benchStall(100_000)) out(row);
  out();
}

if (wanted('search')) {
  out(
    '### Fuzzy search, typing sessions replayed keystroke by keystroke (first keystroke included)',
  );
  out();
  out('| data and engine | p50 | p95 | max | notes |');
  out('|---|---|---|---|---|');
  for (const row of benchSearch(50_000, 40)) out(row);
  for (const row of benchSearch(500_000, 40)) out(row);
  out();
}

if (wanted('tui')) {
  const fixture = cacheFixture(1_000_000, 50_000);
  out('### TUI first frame from spawn, in a pseudo-terminal (15 runs each, p50 / p95)');
  out();
  out(
    '| environment | 1,000,000-entry cache | empty cache | baseline: bare `node -e` printing the same words |',
  );
  out('|---|---|---|---|');
  for (const row of await benchFirstFrame(15, fixture)) out(row);
  out();
  out('### TUI keystroke to frame while typing, 1,000,000-entry cache');
  out();
  out('| what | p50 | p95 | max |');
  out('|---|---|---|---|');
  for (const row of await benchKeystrokes(fixture)) out(row);
  out();
  out(
    '### Longest UI-thread stall while 100,000 entries sync with the TUI on screen (1 ms timer; sync time in brackets)',
  );
  out();
  out('| what | push 100,000 | pull 100,000 into an empty home |');
  out('|---|---|---|');
  for (const row of await benchTuiStall(cacheFixture(100_000, 20_000), 100_000, 5)) out(row);
  out();
}

if (wanted('saturation')) {
  out(
    `### \`record\` while 100,000 entries are pulled, ${cpus().length + 1} busy loops on ${cpus().length} cores (records one after another: 80, or as many as fit in 50 s)`,
  );
  out();
  out(
    '| beside the records | records | failed | lock wait + hold p50 / p99 / max | of which waiting p99 / max | whole process p50 / p99 / max | pulls |',
  );
  out('|---|---|---|---|---|---|---|');
  for (const row of await benchSaturation(100_000, 80)) out(row);
  out();
}
