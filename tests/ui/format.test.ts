import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactCount } from '../../source/ui/components/entry-row.js';
import { ago, relativeTime } from '../../source/ui/format-time.js';

test('token counts fit five columns', () => {
  const cases: [number | null, string][] = [
    [null, ''],
    [0, '0'],
    [842, '842'],
    [1000, '1k'],
    [1234, '1.2k'],
    [9_949, '9.9k'],
    [9_950, '10k'],
    [999_499, '999k'],
    [999_500, '1M'],
    [3_450_000, '3.5M'],
  ];
  for (const [n, text] of cases) assert.equal(compactCount(n), text, String(n));
  for (const [n] of cases) assert.ok(compactCount(n).length <= 5);
});

test('times are short in the list and sentences in the detail', () => {
  const now = Date.UTC(2026, 10, 26, 12);
  assert.equal(relativeTime(now - 30_000, now), 'now');
  assert.equal(relativeTime(now - 5 * 60_000, now), '5m');
  assert.equal(relativeTime(now - 3 * 3_600_000, now), '3h');
  assert.equal(relativeTime(now - 2 * 86_400_000, now), '2d');
  assert.equal(relativeTime(Date.UTC(2025, 0, 31), now), '2025-01-31');
  assert.equal(relativeTime(now + 60_000, now), 'now', 'a clock ahead of ours');
  assert.deepEqual(
    [ago(now, now), ago(now - 5 * 60_000, now), ago(Date.UTC(2025, 0, 31), now)],
    ['just now', '5m ago', 'on 2025-01-31'],
  );
});
