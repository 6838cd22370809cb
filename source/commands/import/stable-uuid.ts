/**
 * Imported entries get uuids derived from where they came from: this machine, the tool and
 * the command's identity in its file (core/shell-history/occurrences.ts: its time, text and
 * occurrence, or the tool's own id). Importing the same file again, or a longer version of
 * it, derives the same uuids for what was already there. The machine is part of it so two
 * machines' identical histories stay two.
 *
 * Laid out like a v7 uuid (RFC 9562 version 8, "custom"): the first 48 bits are the
 * command's time, so an import appends to the primary-key B-trees in order; hashed uuids
 * landed on random pages and made a 1,000,000-line import 3x slower. Commands the file does
 * not date have no stable time, so they use 0 there. The version digit 8 also tells imported
 * entries from recorded ones (v7): the cache matches the shell hook's records only against
 * the latter.
 */
import { createHash } from 'node:crypto';

export function stableUuid(order: number, parts: readonly (string | number | null)[]): string {
  const hash = createHash('sha256')
    .update(parts.map((p) => String(p ?? '')).join('\u0000'))
    .digest();
  const prefix = Math.max(0, Math.min(order, 2 ** 48 - 1))
    .toString(16)
    .padStart(12, '0');
  hash[6] = ((hash[6] as number) & 0x0f) | 0x80; // version 8
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80; // RFC 4122 variant
  const rest = hash.subarray(6, 16).toString('hex');
  return `${prefix.slice(0, 8)}-${prefix.slice(8, 12)}-${rest.slice(0, 4)}-${rest.slice(4, 8)}-${rest.slice(8, 20)}`;
}
