/**
 * Does a file look like the history it is imported as? Checked before anything is written,
 * so `import bash dist/cli.js` or `import zsh ~/.bash_history` is refused with a reason
 * instead of filling the history with hundreds of wrong "commands".
 *
 * Judged on the first MB (a history's shape shows on its first lines, and a 100 MB file
 * must not cost a second pass): binary content, another tool's format, or text that reads
 * as program code or prose (Markdown, sentences) rather than commands typed one per line.
 * A few odd lines never refuse a file: histories hold pasted code and notes too, so only a
 * quarter of the commands (and at least 3) looking like code or prose does. Refusing a real
 * history is as bad as taking a README, so the rules pass what people type (long `apt
 * install` lines, `> file`, one-liners). Measured: none of 971 distinct command examples
 * from man pages looks foreign; 252 of 256 Markdown files and every one of 222 package.json
 * files in node_modules are refused (the 4 taken are a few lines long).
 */
import { parseBash } from './bash.js';
import { FISH_CMD } from './fish.js';
import { DAMAGE, historyLines } from './lines.js';
import type { HistorySourceKind } from './types.js';
import { parseZsh, zshText } from './zsh.js';

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

/** Shapes of program code and Markdown that typed commands almost never have. */
const CODE_SHAPES: readonly RegExp[] = [
  /^\s/, // indented
  /^[}\])]/, // starts by closing a block
  /[{[(,;]\s*$/, // ends by opening a block, or with a statement or list separator
  /^(\/\/|\/\*|\*\/|\* )/, // a C-like comment
  /^.{2000}/, // minified
  /^(#{1,6} |```|[-*+] |\d+\. |\|)/, // Markdown: heading, fence, list, table
  /^!?\[(!\[)?[^\]]*\]\(/, // Markdown: a link or an image first
  /^<(!--|\/?[a-z][a-z\d]*[\s>])/i, // HTML: a tag or a comment (`< file` is a redirection)
];

/** What a sentence never holds and commands often do: options, paths, pipes, variables. */
const SHELL_SYNTAX = /(^|\s)-|[/=|$<>&;`\\{}[\]*~]/;

/**
 * A line of prose: five words or more with a sentence's punctuation (a comma between words,
 * or a full stop, colon, question or exclamation mark after its last word; both when it
 * does not start with a capital, as `echo Done, restart now` does not) and no shell syntax.
 * Word count alone is no sign: `sudo apt install git curl wget vim tmux htop` is a command,
 * and so is `pip install` of ten packages.
 */
function isProse(line: string): boolean {
  const text = line.trim();
  if (text.split(/\s+/).length < 5 || SHELL_SYNTAX.test(text)) return false;
  const comma = /\w, \w/.test(text);
  const stop = /[a-z][.:?!]$/i.test(text);
  // A line wrapped mid-sentence starts in lowercase: then it takes both signs.
  return /^[A-Z]/.test(text) ? comma || stop : comma && stop;
}

/**
 * A Markdown quote: `> ` and then words of a sentence (a capitalised word and a lowercase
 * one, or prose) or Markdown emphasis (`> **Note**`, `> [!WARNING]`). `> debug.log`, which
 * empties a file, is none of these.
 */
function isQuote(line: string): boolean {
  if (!line.startsWith('> ')) return false;
  const rest = line.slice(2);
  return /^([A-Z][a-z']* [a-z]|\*\*|\[!)/.test(rest) || isProse(rest);
}

function looksForeign(line: string): boolean {
  return isProse(line) || isQuote(line) || CODE_SHAPES.some((shape) => shape.test(line));
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

/**
 * Control bytes in `sample` that text does not hold: C0 codes other than tab, LF, CR and
 * ESC (colour codes pasted into commands). A run of NULs counts once: a crash that lost a
 * write leaves a block of them in a text file (damage, which the readers skip), while
 * binary data and UTF-16 text scatter NULs everywhere.
 */
function controlBytes(sample: Uint8Array): number {
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i] as number;
    if (byte === 0 && i > 0 && sample[i - 1] === 0) continue;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x1b) control++;
  }
  return control;
}

function binaryReason(bytes: Uint8Array, sample: Uint8Array): Sniffed | null {
  for (const [magic, what, suggest] of MAGIC) {
    if (startsWith(bytes, magic)) {
      return suggest
        ? { ok: false, reason: `is ${what}`, suggest }
        : { ok: false, reason: `is ${what}` };
    }
  }
  const control = controlBytes(sample);
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

/** The first line of each command, as the `kind` reader reads `whole` (whole lines). */
function commandLines(kind: 'bash' | 'zsh', whole: Uint8Array, text: string): string[] {
  const commands = kind === 'bash' ? parseBash(text) : parseZsh(whole);
  const out: string[] = [];
  for (const { command } of commands) {
    const end = command.indexOf('\n');
    out.push(end === -1 ? command : command.slice(0, end));
  }
  return out;
}

function codeReason(kind: 'bash' | 'zsh', whole: Uint8Array, text: string): Sniffed | null {
  if (text.startsWith('#!')) {
    return { ok: false, reason: 'starts with #!, so it is a script, not a history' };
  }
  const commands = commandLines(kind, whole, text);
  const foreign = commands.filter(looksForeign).length;
  if (foreign >= 3 && foreign * 4 >= commands.length) {
    return {
      ok: false,
      reason: `does not look like a ${kind} history: ${foreign} of its ${commands.length} commands look like program code or prose`,
    };
  }
  return null;
}

/** Whether `bytes` look like a `kind` history; the reason when not. */
export function sniffHistory(kind: TextHistoryKind, bytes: Uint8Array): Sniffed {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  const binary = binaryReason(bytes, sample);
  if (binary) return binary;
  // A cut sample ends inside a line: leave that line out.
  const cut = sample.length < bytes.length;
  const whole = cut ? sample.subarray(0, sample.lastIndexOf(0x0a) + 1) : sample;
  if (cut && whole.length === 0) {
    return { ok: false, reason: `has no line break in its first ${SAMPLE_BYTES} bytes` };
  }
  const text = kind === 'zsh' ? zshText(whole) : new TextDecoder('utf-8').decode(whole);
  const lines = historyLines(text).filter((line) => line !== DAMAGE);
  const shape = shapeOf(lines);
  if (shape.nonEmpty === 0) return { ok: true };
  const other = otherFormat(kind, shape);
  if (other) return other;
  if (kind === 'fish') {
    return shape.fish * 2 >= shape.nonEmpty
      ? { ok: true }
      : { ok: false, reason: 'does not look like a fish history (few - cmd: / when: lines)' };
  }
  return codeReason(kind, whole, text) ?? { ok: true };
}
