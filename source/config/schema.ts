/**
 * The one config schema. Every field has a default, so a missing file, an empty object and
 * a full file all parse into the same fully defaulted shape.
 *
 * zod/mini rather than classic zod: same engine, but it tree-shakes to ~30 KB, which keeps
 * the start of quick verbs like `status` ~60 ms faster (measured in BENCHMARKS.md).
 */
import * as z from 'zod/mini';
import { SECRET_MODES } from '../core/secrets.js';

export const OFFLINE_MODES = ['auto', 'always', 'never'] as const;

/** A whole number in [min, max] whose error message says so. */
function wholeNumber(min: number, max: number, fallback: number) {
  const expected = { error: `a whole number from ${min} to ${max}` };
  return z._default(
    z.int(expected).check(z.minimum(min, expected), z.maximum(max, expected)),
    fallback,
  );
}

const syncSchema = z.strictObject({
  /** Whether the background loop syncs at all. @default true */
  enabled: z._default(z.boolean({ error: 'true or false' }), true),
  /** Period of the background sync, ms. @default 30000 */
  interval: wholeNumber(1000, 86_400_000, 30_000),
  /** Entries per push or pull round trip. @default 100 */
  batch_size: wholeNumber(1, 10_000, 100),
  /** Attempts per batch before it waits for the next interval. @default 3 */
  retry_attempts: wholeNumber(0, 100, 3),
  /** auto: detect reachability; always: never touch the network; never: unreachable is an error. @default "auto" */
  offline_mode: z._default(
    z.enum(OFFLINE_MODES, { error: 'one of "auto", "always", "never"' }),
    'auto',
  ),
});

const URL_EXPECTED = { error: 'null or a libsql://, https:// or http:// URL' };
const remoteSchema = z.strictObject({
  /** libsql://, https:// or http:// URL of the Turso / sqld database; null = local only. @default null */
  url: z._default(
    z.nullable(
      z.string(URL_EXPECTED).check(z.regex(/^(libsql|https?|wss?):\/\/\S+$/, URL_EXPECTED)),
    ),
    null,
  ),
  /** Auth token (JWT). Prefer TURSO_AUTH_TOKEN; a file holding it must not be readable by others. @default null */
  auth_token: z._default(
    z.nullable(
      z
        .string({ error: 'null or a token string' })
        .check(z.minLength(1, { error: 'a non-empty token' })),
    ),
    null,
  ),
});

function isRegex(source: string): boolean {
  try {
    new RegExp(source, 'g');
    return true;
  } catch {
    return false;
  }
}

const PATTERN_EXPECTED = {
  error: 'a JavaScript regular expression as a string, like "corp-[0-9a-f]{32}"',
};
const secretsSchema = z.strictObject({
  /** redact: replace secrets with [REDACTED name]; skip: do not store such entries; off: store as typed. @default "redact" */
  mode: z._default(z.enum(SECRET_MODES, { error: 'one of "redact", "skip", "off"' }), 'redact'),
  /** More patterns to treat as secrets, on top of the built-in ones. @default [] */
  patterns: z._default(
    z.array(z.string(PATTERN_EXPECTED).check(z.refine(isRegex, PATTERN_EXPECTED)), {
      error: 'a list of regular expressions as strings',
    }),
    () => [],
  ),
});

export const configFileSchema = z.strictObject({
  sync: z._default(syncSchema, () => z.parse(syncSchema, {})),
  remote: z._default(remoteSchema, () => z.parse(remoteSchema, {})),
  secrets: z._default(secretsSchema, () => z.parse(secretsSchema, {})),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type OfflineMode = (typeof OFFLINE_MODES)[number];

/** The parsed, merged, fully defaulted configuration the program runs on. */
export type Config = {
  /** The home directory: config.json and cache.db live here. */
  readonly home: string;
  readonly configPath: string;
  readonly cachePath: string;
  /** Whether config.json existed (false: embedded defaults). */
  readonly fromFile: boolean;
  readonly sync: ConfigFile['sync'];
  readonly remote: ConfigFile['remote'];
  readonly secrets: ConfigFile['secrets'];
};
