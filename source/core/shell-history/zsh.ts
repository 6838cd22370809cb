/**
 * zsh history, read by zsh's own rules (Src/hist.c, readhistline and readhistfile).
 *
 * Bytes first: zsh "metafies" bytes 0x83–0xff and NUL as 0x83 followed by the byte XOR
 * 0x20, so the file is not valid UTF-8 until that is undone. Then lines:
 *
 * - zsh writes each newline inside a command as `\` + newline, so a line that ends in a
 *   backslash continues on the next one: that last backslash stands for the newline and
 *   any before it are the person's. A continuation typed at the prompt (`docker run \`,
 *   Enter, `--rm alpine`) is therefore saved as `docker run \\` + newline and comes back as
 *   typed. (Counting backslashes for parity would split exactly that case in two.)
 * - Extended lines are `: <start>:<elapsed>;<command>`; a plain line that starts with `:` is
 *   saved as `\:` by zsh. A `: `-line without numbers (`: > file`) is a plain command.
 * - A run of NUL bytes is damage (lines.ts): it ends the entry before it, even one whose
 *   last line asked to be continued.
 */
import { DAMAGE, historyLines } from './lines.js';
import type { ImportedCommand } from './types.js';
import { MAX_TIMESTAMP_MS } from '../validate-entry.js';

const META = 0x83;
const EXTENDED = /^: ?(\d{1,12}):(\d{1,12});/;

export function unmetafy(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(META)) return bytes;
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    if (byte === META && i + 1 < bytes.length) out[n++] = (bytes[++i] as number) ^ 0x20;
    else out[n++] = byte;
  }
  return out.subarray(0, n);
}

/** The zsh history's text (metafied bytes undone, then UTF-8). */
export function zshText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(unmetafy(bytes));
}

/** One saved entry (its lines already joined) as a command. */
function toCommand(whole: string): ImportedCommand | null {
  const extended = EXTENDED.exec(whole);
  if (extended) {
    const command = whole.slice(extended[0].length);
    const ms = Number(extended[1]) * 1000;
    const durationMs = Number(extended[2]) * 1000;
    if (command.trim().length === 0) return null;
    return {
      command,
      timestamp: Number.isSafeInteger(ms) && ms < MAX_TIMESTAMP_MS ? ms : null,
      durationMs: Number.isSafeInteger(durationMs) ? durationMs : null,
    };
  }
  const command = whole.startsWith('\\:') ? whole.slice(1) : whole;
  return command.trim().length === 0 ? null : { command, timestamp: null };
}

export function* parseZsh(bytes: Uint8Array): Generator<ImportedCommand> {
  const lines = historyLines(zshText(bytes));
  // The file's end ends an entry as a loss does: one cut off keeps its last backslash.
  lines.push(DAMAGE);
  // The lines of the entry read so far, each but the last ending in its continuation `\`.
  let pending: string[] = [];
  for (const line of lines) {
    if (line !== DAMAGE) {
      pending.push(line);
      if (line.endsWith('\\')) continue;
    }
    if (pending.length === 0) continue;
    const last = pending.length - 1;
    const command = toCommand(
      pending.map((part, i) => (i < last ? part.slice(0, -1) : part)).join('\n'),
    );
    pending = [];
    if (command !== null) yield command;
  }
}
