/**
 * zsh history. Bytes first: zsh "metafies" bytes 0x83–0xff and NUL as 0x83 followed by the
 * byte XOR 0x20, so the file is not valid UTF-8 until that is undone. Then lines, plain or
 * extended (`: <start>:<elapsed>;<command>`); a line ending in a backslash continues on the
 * next one (a multi-line command).
 */
import type { ImportedCommand } from './types.js';

const META = 0x83;
const EXTENDED = /^: (\d{1,11}):(\d+);([\s\S]*)$/;

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

/** Continuation: an odd number of trailing backslashes escapes the newline. */
function continues(line: string): boolean {
  const trailing = /\\+$/.exec(line)?.[0].length ?? 0;
  return trailing % 2 === 1;
}

export function* parseZsh(bytes: Uint8Array): Generator<ImportedCommand> {
  const text = new TextDecoder('utf-8').decode(unmetafy(bytes));
  let pending: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (continues(line)) {
      pending.push(line.slice(0, -1));
      continue;
    }
    pending.push(line);
    const whole = pending.join('\n');
    pending = [];
    const extended = EXTENDED.exec(whole);
    const command = extended ? (extended[3] as string) : whole;
    if (command.trim().length === 0) continue;
    yield extended
      ? { command, timestamp: Number(extended[1]) * 1000, durationMs: Number(extended[2]) * 1000 }
      : { command, timestamp: null };
  }
  if (pending.length > 0) {
    const command = pending.join('\n');
    if (command.trim().length > 0) yield { command, timestamp: null };
  }
}
