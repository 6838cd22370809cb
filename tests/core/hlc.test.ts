import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_MAX_DRIFT_MS,
  HybridLogicalClock,
  MAX_COUNTER,
  compareHlc,
  decodeHlc,
  encodeHlc,
  nextChange,
  receiveHlc,
  tickHlc,
  versionAfter,
  type Hlc,
} from '../../source/core/hlc.js';

/** A clock whose time only moves when the test says so. */
function manualClock(start: number) {
  let now = start;
  return { now: () => now, set: (ms: number) => (now = ms), advance: (ms: number) => (now += ms) };
}

describe('HLC encoding', () => {
  test('encodes to fixed-width text and decodes back exactly', () => {
    const hlc = { wall: 1_732_000_000_123, counter: 42, node: 'laptop-ab12' };
    const text = encodeHlc(hlc);
    assert.equal(text, '001732000000123-00016-laptop-ab12');
    assert.deepEqual(decodeHlc(text), hlc);
  });

  test('string order equals clock order', () => {
    const clocks: Hlc[] = [
      { wall: 9, counter: 0, node: 'b' },
      { wall: 10, counter: 0, node: 'a' },
      { wall: 10, counter: 1, node: 'a' },
      { wall: 10, counter: 1, node: 'b' },
      { wall: 10, counter: 35, node: 'a' },
      { wall: 10, counter: 36, node: 'a' },
      { wall: 1_000_000_000_000, counter: 0, node: 'a' },
    ];
    for (let i = 0; i < clocks.length; i++) {
      for (let j = 0; j < clocks.length; j++) {
        const [a, b] = [encodeHlc(clocks[i]!), encodeHlc(clocks[j]!)];
        const byString = a < b ? -1 : a > b ? 1 : 0;
        assert.equal(byString, Math.sign(compareHlc(clocks[i]!, clocks[j]!)), `${i} vs ${j}`);
      }
    }
  });

  test('rejects values that do not fit the encoding', () => {
    assert.throws(() => encodeHlc({ wall: -1, counter: 0, node: 'a' }), /wall/);
    assert.throws(() => encodeHlc({ wall: 1e15, counter: 0, node: 'a' }), /wall/);
    assert.throws(() => encodeHlc({ wall: 1, counter: MAX_COUNTER + 1, node: 'a' }), /counter/);
    assert.throws(() => encodeHlc({ wall: 1, counter: 0, node: '' }), /node/);
  });

  test('decode returns null for text that is not a clock', () => {
    assert.equal(decodeHlc(''), null);
    assert.equal(decodeHlc('12-00000-a'), null);
    assert.equal(decodeHlc('001732000000123-0000-a'), null);
    assert.equal(decodeHlc('001732000000123-00000-'), null);
  });
});

describe('HLC ticks', () => {
  test('follows physical time when it moves forward', () => {
    const time = manualClock(1000);
    const clock = new HybridLogicalClock({ node: 'm1', now: time.now });
    assert.deepEqual(clock.tick(), { wall: 1000, counter: 0, node: 'm1' });
    time.advance(5);
    assert.deepEqual(clock.tick(), { wall: 1005, counter: 0, node: 'm1' });
  });

  test('counts within one millisecond and when physical time goes backwards', () => {
    const time = manualClock(2000);
    const clock = new HybridLogicalClock({ node: 'm1', now: time.now });
    clock.tick();
    assert.deepEqual(clock.tick(), { wall: 2000, counter: 1, node: 'm1' });
    time.set(1500); // NTP stepped the clock back
    assert.deepEqual(clock.tick(), { wall: 2000, counter: 2, node: 'm1' });
    time.set(2001);
    assert.deepEqual(clock.tick(), { wall: 2001, counter: 0, node: 'm1' });
  });

  test('counter overflow moves the wall part forward instead of wrapping', () => {
    const next = tickHlc({ wall: 7, counter: MAX_COUNTER, node: 'm' }, 7, 'm');
    assert.deepEqual(next, { wall: 8, counter: 0, node: 'm' });
  });

  test('every tick is strictly greater than the one before, over a long random walk', () => {
    const time = manualClock(10_000);
    const clock = new HybridLogicalClock({ node: 'm', now: time.now });
    let previous = clock.tick();
    let seed = 7;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      time.advance((seed % 7) - 3); // jitter back and forth
      const next = clock.tick();
      assert.ok(compareHlc(next, previous) > 0);
      previous = next;
    }
  });
});

describe('HLC receive and drift', () => {
  test('adopts a remote clock that is ahead but within the drift bound', () => {
    const time = manualClock(10_000);
    const clock = new HybridLogicalClock({ node: 'm1', now: time.now });
    const adopted = clock.receive({ wall: 12_000, counter: 3, node: 'm2' });
    assert.equal(adopted, true);
    assert.deepEqual(clock.last, { wall: 12_000, counter: 4, node: 'm1' });
    assert.deepEqual(clock.tick(), { wall: 12_000, counter: 5, node: 'm1' });
  });

  test('a remote clock behind the local one changes nothing but the tick', () => {
    const result = receiveHlc(
      { wall: 50, counter: 2, node: 'a' },
      { wall: 10, counter: 9, node: 'b' },
      40,
      'a',
    );
    assert.deepEqual(result, { clock: { wall: 50, counter: 3, node: 'a' }, adopted: true });
  });

  test('a remote clock absurdly far ahead is not adopted (clamped to local time)', () => {
    const time = manualClock(10_000);
    const clock = new HybridLogicalClock({ node: 'm1', now: time.now });
    const farAhead = { wall: 10_000 + DEFAULT_MAX_DRIFT_MS + 1, counter: 0, node: 'm2' };
    assert.equal(clock.receive(farAhead), false);
    assert.deepEqual(clock.last, { wall: 10_000, counter: 0, node: 'm1' });
  });

  test('the drift bound is configurable and validated', () => {
    assert.throws(
      () => new HybridLogicalClock({ node: 'a', now: () => 0, maxDriftMs: -1 }),
      /maxDriftMs/,
    );
    const clock = new HybridLogicalClock({ node: 'a', now: () => 0, maxDriftMs: 100 });
    assert.equal(clock.receive({ wall: 101, counter: 0, node: 'b' }), false);
    assert.equal(clock.receive({ wall: 100, counter: 0, node: 'b' }), true);
  });
});

describe('versions for a change to a row', () => {
  test('an edit made after seeing a version from a fast clock still beats it', () => {
    // m2's clock is an hour ahead; m1 (correct time) edits the row after syncing it.
    const hourAhead = { wall: 3_600_000 + 5000, counter: 0, node: 'm2' };
    const version = versionAfter(null, hourAhead, 5000, 'm1');
    assert.ok(compareHlc(version, hourAhead) > 0);
    assert.deepEqual(version, { wall: 3_605_000, counter: 1, node: 'm1' });
  });

  test('a row version in the past does not hold the clock back', () => {
    const version = versionAfter(null, { wall: 10, counter: 0, node: 'm2' }, 5000, 'm1');
    assert.deepEqual(version, { wall: 5000, counter: 0, node: 'm1' });
  });

  test('nextChange: a row within the drift bound moves the clock with the version', () => {
    const ahead = { wall: 5000 + 60_000, counter: 0, node: 'm2' };
    const { version, last } = nextChange(null, ahead, 5000, 'm1');
    assert.deepEqual(version, { wall: 65_000, counter: 1, node: 'm1' });
    assert.deepEqual(last, version);
  });

  test('nextChange: a row far past the drift bound is beaten, but the clock stays at now', () => {
    const yearAhead = { wall: 5000 + 365 * 86_400_000, counter: 7, node: 'm2' };
    const { version, last } = nextChange(null, yearAhead, 5000, 'm1');
    assert.ok(compareHlc(version, yearAhead) > 0, 'the edit still wins over that row');
    assert.deepEqual(last, { wall: 5000, counter: 0, node: 'm1' });
    // The next change to another row is at this machine's time, not a year ahead.
    assert.deepEqual(nextChange(last, null, 5001, 'm1').version, {
      wall: 5001,
      counter: 0,
      node: 'm1',
    });
  });

  test('the stateful clock applies the same rule: tickAfter never adopts a far-off row', () => {
    const time = manualClock(5000);
    const clock = new HybridLogicalClock({ node: 'm1', now: time.now, maxDriftMs: 1000 });
    const farAhead = { wall: 50_000, counter: 0, node: 'm2' };
    const version = clock.tickAfter(farAhead);
    assert.ok(compareHlc(version, farAhead) > 0);
    assert.deepEqual(clock.last, { wall: 5000, counter: 0, node: 'm1' });
    const near = { wall: 5500, counter: 0, node: 'm2' };
    assert.deepEqual(clock.tickAfter(near), { wall: 5500, counter: 1, node: 'm1' });
    assert.deepEqual(clock.last, { wall: 5500, counter: 1, node: 'm1' });
    // Adopted: the next local tick follows it, though physical time is still behind.
    time.advance(1);
    assert.deepEqual(clock.tick(), { wall: 5500, counter: 2, node: 'm1' });
  });

  test('equal wall and counter on two machines break ties by machine id, the same everywhere', () => {
    const a = { wall: 5, counter: 1, node: 'alpha' };
    const b = { wall: 5, counter: 1, node: 'beta' };
    assert.equal(compareHlc(a, b), -1);
    assert.equal(compareHlc(b, a), 1);
    assert.equal(compareHlc(a, { ...a }), 0);
  });
});
