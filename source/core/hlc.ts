/**
 * Hybrid logical clock: wall time in ms + a counter + the machine id.
 *
 * Invariants:
 * - every timestamp this clock issues is strictly greater than every timestamp it issued
 *   or received before (within the drift bound), so edits that have seen another edit win;
 * - the encoding is fixed width up to the machine id, so comparing encoded strings
 *   compares clocks, and the machine id breaks ties deterministically;
 * - a remote clock further ahead than `maxDriftMs` is never adopted (it would drag this
 *   machine's clock into the future for good), but the data carrying it is still kept.
 *
 * Pure: time comes from the injected `now`.
 */

export type Hlc = {
  /** Wall-clock part, ms since the epoch. */
  readonly wall: number;
  /** Logical counter for events within one wall ms. */
  readonly counter: number;
  /** Machine id; breaks ties. */
  readonly node: string;
};

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 5;
/**
 * Versions this code can write have a wall time before 2100-01-01. A bound far below the
 * encoding's 1e15 keeps every successor encodable, so a row from a broken or hostile
 * machine can never make `update` or `delete` of its entry overflow the clock.
 */
export const MAX_WALL_MS = 4_102_444_800_000;
/** Machine ids as makeMachineId writes them: lowercase letters, digits and dashes. */
const NODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** Largest counter that fits the encoding; on overflow the wall part moves forward 1 ms. */
export const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;
/** TinyBase uses 5 minutes for the same purpose; a NTP-synced fleet is far inside it. */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60 * 1000;

/** Encodes so that string order equals clock order: `001732000000000-0000a-machine`. */
export function encodeHlc(hlc: Hlc): string {
  if (!Number.isSafeInteger(hlc.wall) || hlc.wall < 0 || hlc.wall >= 10 ** WALL_DIGITS) {
    throw new RangeError(`Expected \`wall\` to be an integer in [0, 1e15), got ${hlc.wall}`);
  }
  if (!Number.isInteger(hlc.counter) || hlc.counter < 0 || hlc.counter > MAX_COUNTER) {
    throw new RangeError(`Expected \`counter\` in [0, ${MAX_COUNTER}], got ${hlc.counter}`);
  }
  if (!NODE_PATTERN.test(hlc.node)) {
    throw new RangeError(
      `Expected \`node\` to be 1-64 of [a-z0-9-], got ${JSON.stringify(hlc.node)}`,
    );
  }
  const wall = String(hlc.wall).padStart(WALL_DIGITS, '0');
  const counter = hlc.counter.toString(36).padStart(COUNTER_DIGITS, '0');
  return `${wall}-${counter}-${hlc.node}`;
}

const HLC_PATTERN = /^(\d{15})-([0-9a-z]{5})-([a-z0-9][a-z0-9-]{0,63})$/;

/**
 * Decodes an encoded clock, or returns null when the text is not one this code could have
 * written (format, machine id charset, wall time before MAX_WALL_MS).
 */
export function decodeHlc(text: string): Hlc | null {
  const match = HLC_PATTERN.exec(text);
  if (!match) return null;
  const wall = Number(match[1]);
  if (wall >= MAX_WALL_MS) return null;
  return { wall, counter: parseInt(match[2] as string, 36), node: match[3] as string };
}

/**
 * The same rule as decodeHlc as a SQL expression over the column or parameter `v`, for the
 * server's "apply only if newer" comparison: a malformed stored version must not win.
 */
export function wellFormedVersionSql(v: string): string {
  const digits = '[0-9]'.repeat(WALL_DIGITS);
  const counter = '[0-9a-z]'.repeat(COUNTER_DIGITS);
  // GLOB stops at a NUL byte, so 'valid' || char(0) || 'junk' would pass it: no NUL allowed.
  return `(typeof(${v}) = 'text' AND octet_length(${v}) BETWEEN 23 AND 86
    AND instr(CAST(${v} AS BLOB), x'00') = 0
    AND ${v} GLOB '${digits}-${counter}-[a-z0-9]*'
    AND substr(${v}, 23) NOT GLOB '*[^a-z0-9-]*'
    AND substr(${v}, 1, 15) < '${String(MAX_WALL_MS).padStart(WALL_DIGITS, '0')}')`;
}

/** Total order: wall, then counter, then node. */
export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  if (a.node === b.node) return 0;
  return a.node < b.node ? -1 : 1;
}

/** The smallest clock on `node` that is greater than `after`. */
function successor(after: Pick<Hlc, 'wall' | 'counter'>, node: string): Hlc {
  return after.counter >= MAX_COUNTER
    ? { wall: after.wall + 1, counter: 0, node }
    : { wall: after.wall, counter: after.counter + 1, node };
}

/** The next local event: later than `last`, and at least the physical time. */
export function tickHlc(last: Hlc | null, nowMs: number, node: string): Hlc {
  const wall = Math.floor(nowMs);
  if (last === null || wall > last.wall) return { wall, counter: 0, node };
  return successor(last, node);
}

/**
 * Folds a remote clock into the local one. Remote clocks more than `maxDriftMs` ahead of
 * physical time are ignored for the purpose of advancing (returned `adopted: false`).
 */
export function receiveHlc(
  last: Hlc | null,
  remote: Hlc,
  nowMs: number,
  node: string,
  maxDriftMs: number = DEFAULT_MAX_DRIFT_MS,
): { clock: Hlc; adopted: boolean } {
  const local = tickHlc(last, nowMs, node);
  if (remote.wall > nowMs + maxDriftMs) return { clock: local, adopted: false };
  if (compareHlc(remote, local) < 0) return { clock: local, adopted: true };
  return { clock: successor(remote, node), adopted: true };
}

/**
 * The version for a change to a row whose current version is `rowVersion`: the next tick,
 * pushed past the row's version when needed, so an edit made after seeing a version always
 * beats it, even if that version came from a machine whose clock runs ahead.
 */
export function versionAfter(
  last: Hlc | null,
  rowVersion: Hlc | null,
  nowMs: number,
  node: string,
): Hlc {
  const tick = tickHlc(last, nowMs, node);
  if (rowVersion === null || compareHlc(tick, rowVersion) > 0) return tick;
  return successor(rowVersion, node);
}

/**
 * The version for a change to a row, and the clock to keep afterwards. The version always
 * beats the row's; but a row version further ahead than `maxDriftMs` (a machine whose clock
 * is far off) is not adopted as this machine's clock, so one bad row cannot drag every
 * later local change into the future.
 */
export function nextChange(
  last: Hlc | null,
  rowVersion: Hlc | null,
  nowMs: number,
  node: string,
  maxDriftMs: number = DEFAULT_MAX_DRIFT_MS,
): { version: Hlc; last: Hlc } {
  const version = versionAfter(last, rowVersion, nowMs, node);
  if (version.wall <= nowMs + maxDriftMs) return { version, last: version };
  return { version, last: tickHlc(last, nowMs, node) };
}

/** A stateful clock around the pure functions, with injected time. */
export class HybridLogicalClock {
  readonly node: string;
  readonly #now: () => number;
  readonly #maxDriftMs: number;
  /** The greatest clock issued within the drift bound, or adopted; never decreases. */
  #last: Hlc | null;

  constructor(options: {
    node: string;
    now: () => number;
    maxDriftMs?: number;
    last?: Hlc | null;
  }) {
    if (options.node.length === 0) throw new RangeError('Expected `node` to be a non-empty string');
    const maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
    if (!Number.isFinite(maxDriftMs) || maxDriftMs < 0) {
      throw new RangeError(`Expected \`maxDriftMs\` to be a finite number >= 0, got ${maxDriftMs}`);
    }
    this.node = options.node;
    this.#now = options.now;
    this.#maxDriftMs = maxDriftMs;
    this.#last = options.last ?? null;
  }

  get last(): Hlc | null {
    return this.#last;
  }

  /** A new timestamp for a local event. */
  tick(): Hlc {
    this.#last = tickHlc(this.#last, this.#now(), this.node);
    return this.#last;
  }

  /**
   * A new timestamp for a change to a row currently at `rowVersion`: the one rule of
   * nextChange (the cache's write paths use it too), so the version always beats the row's,
   * and a row further ahead than maxDriftMs does not become this clock's time.
   */
  tickAfter(rowVersion: Hlc | null): Hlc {
    const { version, last } = nextChange(
      this.#last,
      rowVersion,
      this.#now(),
      this.node,
      this.#maxDriftMs,
    );
    this.#last = last;
    return version;
  }

  /** Folds in a remote clock; returns whether it was adopted (false: too far ahead). */
  receive(remote: Hlc): boolean {
    const { clock, adopted } = receiveHlc(
      this.#last,
      remote,
      this.#now(),
      this.node,
      this.#maxDriftMs,
    );
    this.#last = clock;
    return adopted;
  }
}
