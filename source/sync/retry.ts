/**
 * Retries with exponential backoff and full jitter (a random wait in [0, base * 2^n],
 * capped), so many machines retrying against one server spread out instead of stampeding.
 */
import { McpError } from '../core/errors.js';

export type RetryOptions = {
  /** Attempts in all (1 = no retry). */
  readonly attempts: number;
  /** @default 200 */
  readonly baseDelayMs?: number;
  /** @default 10000 */
  readonly maxDelayMs?: number;
  /** Injected for tests. @default setTimeout-based */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Injected for tests. @default Math.random */
  readonly random?: () => number;
  /** Called before each wait, with the error that caused it. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
};

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Errors that another attempt cannot fix: fail at once. */
export function isPermanent(error: unknown): boolean {
  return (
    error instanceof McpError &&
    (error.code === 'AUTH_FAILED' ||
      error.code === 'SCHEMA_MISMATCH' ||
      error.code === 'CONFIG_INVALID')
  );
}

/** The wait before retry number `attempt` (1-based). */
export function backoffDelay(
  attempt: number,
  random: () => number,
  baseDelayMs = 200,
  maxDelayMs = 10_000,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

export async function withRetry<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = Math.max(1, options.attempts);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || isPermanent(error)) throw error;
      const delay = backoffDelay(attempt, random, options.baseDelayMs, options.maxDelayMs);
      options.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
