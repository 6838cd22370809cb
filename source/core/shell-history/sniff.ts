/**
 * Does a file look like the history it is imported as? Checked before anything is written,
 * so `import bash dist/cli.js` or `import zsh ~/.bash_history` is refused with a reason
 * instead of filling the history with hundreds of wrong "commands".
 *
 * Judged on the first MB (a history's shape shows on its first lines, and a 100 MB file
 * must not cost a second pass): binary content, another tool's format, or text that reads
 * as program code or prose (Markdown, sentences) rather than commands typed one per line.
 * A few odd lines never refuse a file: histories hold pasted code and notes too, so only a
 * quarter of the commands (and at least 3) looking like code or prose does. (Of 1,552
 * distinct command examples from man pages, 8% do; of Markdown and JSON files, 60 to 100%.)
 */
import { hasMultilineEntries } from './bash.js';
import { FISH_CMD } from './fish.js';
import type { HistorySourceKind } from './types.js';
import { zshText } from './zsh.js';

export type TextHistoryKind = Exclude<HistorySourceKind, 'atuin'>;

export type Sniffed =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** Why, to follow the file's path: "looks like a bash history (#<epoch> time lines)". */
      readonly reason: string;
      /** The tool whose history it looks like, when it looks like one. */
      readonly suggest?: HistorySourceKind;
    };

const SAMPLE_BYTES = 1024 * 1024;

const MAGIC: readonly (readonly [string, string, HistorySourceKind?])[] = [
  ['SQLite format 3\0', 'an SQLite database', 'atuin'],
  ['\x7fELF', 'an executable (ELF)'],
  ['\x1f\x8b', 'gzip-compressed'],
  ['PK\x03\x04', 'a zip archive'],
  ['%PDF-', 'a PDF document'],
  ['\x89PNG', 'a PNG image'],
];

const BASH_TIME = /^#\d+\s*$/;
const ZSH_EXTENDED = /^: ?\d+:\d+;/;
const FISH_FIELD = /^ {2}(when|paths):|^ {4}- /;

/** Shapes of program code that typed commands almost never have. */
const CODE_SHAPES: readonly RegExp[] = [
  /^\s/, // indented
  /^[}\])]/, // starts by closing a block
  /[{[(,;]\s*$/, // ends by opening a block, or with a statement or list separator
  /^(\/\/|\/\*|\*\/|\* )/, // a C-like comment
  /^.{2000}/, // minified
  /^(#{1,6} |```|[-*+] |\d+\. |> |\|)/, // Markdown: heading, fence, list, quote, table
];

/**
 * A sentence: seven words or more, none of them an option, a path, an assignment, a pipe
 * or a variable. Commands that long nearly always have one of those.
 */
function isProse(line: string): boolean {
  const words = line.trim().split(/\s+/);
  return words.length >= 7 && !/(^|\s)-|[/=|$<>&;`\\]/.test(line);
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

function binaryReason(bytes: Uint8Array, sample: Uint8Array): Sniffed | null {
  for (const [magic, what, suggest] of MAGIC) {
    if (startsWith(bytes, magic)) {
      return suggest
        ? { ok: false, reason: `is ${what}`, suggest }
        : { ok: false, reason: `is ${what}` };
    }
  }
  if (bytes.includes(0)) return { ok: false, reason: 'holds NUL bytes, so it is a binary file' };
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i] as number;
    // Tab, LF, CR and ESC (colour codes pasted into commands) occur in text; other C0 codes
    // in numbers do not.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x1b) control++;
  }
  if (control * 100 > sample.length) {
    return {
      ok: false,
      reason: `is a binary file (${control} control bytes in its first ${sample.length})`,
    };
  }
  return null;
}

type Shape = {
  readonly nonEmpty: number;
  readonly fish: number;
  readonly bashTimes: number;
  readonly zshExtended: number;
  readonly firstLine: string;
};

function shapeOf(lines: readonly string[]): Shape {
  let nonEmpty = 0;
  let fish = 0;
  let bashTimes = 0;
  let zshExtended = 0;
  for (const line of lines) {
    if (line.trim().length === 0) continue;
    nonEmpty++;
    if (line.startsWith(FISH_CMD) || FISH_FIELD.test(line)) fish++;
    if (BASH_TIME.test(line)) bashTimes++;
    if (ZSH_EXTENDED.test(line)) zshExtended++;
  }
  const firstLine = lines.find((line) => line.trim().length > 0) ?? '';
  return { nonEmpty, fish, bashTimes, zshExtended, firstLine };
}

/** The other format a file's lines are mostly in, if any. */
function otherFormat(kind: TextHistoryKind, shape: Shape): Sniffed | null {
  const { nonEmpty } = shape;
  const mostly = (count: number) => count > 0 && count * 2 >= nonEmpty;
  if (kind !== 'fish' && shape.firstLine.startsWith(FISH_CMD) && mostly(shape.fish)) {
    return { ok: false, reason: 'looks like a fish history (- cmd: entries)', suggest: 'fish' };
  }
  if (kind !== 'zsh' && mostly(shape.zshExtended)) {
    return {
      ok: false,
      reason: 'looks like a zsh history (: <time>:<duration>; lines)',
      suggest: 'zsh',
    };
  }
  const bashTimed = BASH_TIME.test(shape.firstLine) || shape.bashTimes * 10 >= nonEmpty;
  if (kind !== 'bash' && shape.bashTimes > 0 && bashTimed) {
    return {
      ok: false,
      reason: 'looks like a bash history (#<epoch> time lines)',
      suggest: 'bash',
    };
  }
  return null;
}

/** The lines that start a command (not time lines, not continuation lines). */
function commandLines(kind: TextHistoryKind, text: string, lines: readonly string[]): string[] {
  const out: string[] = [];
  const multiline = kind === 'bash' && hasMultilineEntries(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const before = i > 0 ? (lines[i - 1] as string) : null;
    if (line.trim().length === 0 || BASH_TIME.test(line)) continue;
    if (multiline && before !== null && !BASH_TIME.test(before)) continue;
    if (kind === 'zsh' && before !== null && before.endsWith('\\')) continue;
    out.push(kind === 'zsh' ? line.replace(ZSH_EXTENDED, '') : line);
  }
  return out;
}

function codeReason(kind: TextHistoryKind, text: string, lines: readonly string[]): Sniffed | null {
  if (lines[0]?.startsWith('#!')) {
    return { ok: false, reason: 'starts with #!, so it is a script, not a history' };
  }
  const commands = commandLines(kind, text, lines);
  const foreign = commands.filter(
    (line) => isProse(line) || CODE_SHAPES.some((shape) => shape.test(line)),
  ).length;
  if (foreign >= 3 && foreign * 4 >= commands.length) {
    return {
      ok: false,
      reason: `does not look like a ${kind} history: ${foreign} of its ${commands.length} lines look like program code or prose, not commands`,
    };
  }
  return null;
}

/** Whether `bytes` look like a `kind` history; the reason when not. */
export function sniffHistory(kind: TextHistoryKind, bytes: Uint8Array): Sniffed {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const binary = binaryReason(bytes, sample);
  if (binary) return binary;
  const text = kind === 'zsh' ? zshText(sample) : new TextDecoder('utf-8').decode(sample);
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  // A cut sample ends inside a line: leave that line out.
  if (sample.length < bytes.length) lines.pop();
  const shape = shapeOf(lines);
  if (shape.nonEmpty === 0) return { ok: true };
  const other = otherFormat(kind, shape);
  if (other) return other;
  if (kind === 'fish') {
    return shape.fish * 2 >= shape.nonEmpty
      ? { ok: true }
      : { ok: false, reason: 'does not look like a fish history (few - cmd: / when: lines)' };
  }
  return codeReason(kind, text, lines) ?? { ok: true };
}
