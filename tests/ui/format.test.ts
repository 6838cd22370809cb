import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detailLines } from '../../source/ui/components/detail-view.js';
import { compactCount } from '../../source/ui/components/entry-row.js';
import { ago, relativeTime } from '../../source/ui/format-time.js';
import { makeEntry } from '../helpers/entries.js';

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

/** Runs `body` with the process in another time zone (Node reads TZ again when it changes). */
function inZone(zone: string, body: () => void): void {
  const before = process.env['TZ'];
  process.env['TZ'] = zone;
  try {
    body();
  } finally {
    if (before === undefined) delete process.env['TZ'];
    else process.env['TZ'] = before;
  }
}

test('old times in the list are the local day; the detail shows local time with its zone', () => {
  const then = Date.UTC(2025, 0, 31, 20, 0, 7); // already February 1st in Tokyo
  const now = Date.UTC(2026, 10, 26, 12);
  inZone('Asia/Tokyo', () => {
    assert.equal(relativeTime(then, now), '2025-02-01');
    const lines = detailLines(makeEntry(0, { timestamp: then }), 80, now);
    assert.ok(
      lines.includes('time     2025-02-01 05:00:07 +09:00 (on 2025-02-01)'),
      lines.join('\n'),
    );
  });
  inZone('America/New_York', () => {
    const lines = detailLines(makeEntry(0, { timestamp: then }), 80, now);
    assert.ok(lines.includes('time     2025-01-31 15:00:07 -05:00 (on 2025-01-31)'));
  });
});
