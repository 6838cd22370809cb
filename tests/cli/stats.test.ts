import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/run-cli.js';
import { tempHome } from '../helpers/temp-home.js';

test('stats: totals, machines, most used commands and busiest days, as text and JSON', async (t) => {
  const home = tempHome(t);
  const day = (d: number, h: number) => Date.UTC(2026, 0, d, h);
  const input = [
    { command: 'git status', timestamp: day(5, 9) },
    { command: 'git status', timestamp: day(5, 10) },
    { command: 'git status', timestamp: day(6, 9) },
    { command: 'make', timestamp: day(5, 11) },
    { command: 'ls\u001b[2J', timestamp: day(7, 8) },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n');
  assert.equal((await runCli(['record', '--stdin'], { home, input })).code, 0);
  const json = await runCli(['stats', '--json'], { home });
  assert.equal(json.code, 0, json.stderr);
  const stats = JSON.parse(json.stdout) as {
    total: number;
    machines: { entries: number }[];
    topCommands: { command: string; uses: number }[];
    busiestDays: { day: string; entries: number }[];
    first: number;
    last: number;
  };
  assert.equal(stats.total, 5);
  assert.deepEqual(
    stats.machines.map((m) => m.entries),
    [5],
  );
  assert.deepEqual(stats.topCommands[0], { command: 'git status', uses: 3 });
  assert.deepEqual(stats.busiestDays[0], { day: '2026-01-05', entries: 3 });
  assert.deepEqual([stats.first, stats.last], [day(5, 9), day(7, 8)]);
  const text = await runCli(['stats'], { home });
  assert.match(text.stdout, /^5 entries from 2026-01-05 to 2026-01-07$/m);
  assert.match(text.stdout, /^ +3 {2}git status$/m);
  assert.match(text.stdout, /ls\^\[\[2J/, 'control characters neutralised');
  assert.ok(!text.stdout.includes('\u001b'));
});
