/**
 * The names of the keys a terminal sends as control characters and escape sequences (CSI:
 * ESC [ params final, SS3: ESC O final), with xterm's modifiers. Used by split-keys.ts,
 * which decides where each key starts and ends.
 */

/** A key with a name: a control character or an escape sequence. */
export type NamedKey = {
  readonly kind: 'key';
  /**
   * 'up' 'down' 'left' 'right' 'home' 'end' 'pageup' 'pagedown' 'insert' 'delete' 'return'
   * 'tab' 'backspace' 'escape' 'space' 'f1'..'f12', a letter or symbol with ctrl (Ctrl-U is
   * 'u'), or 'unknown' for a sequence no key of this program uses.
   */
  readonly name: string;
  readonly ctrl: boolean;
  readonly shift: boolean;
  readonly meta: boolean;
  /** The bytes as they came. */
  readonly sequence: string;
};

const ESC = '\u001b';

const TILDE_KEYS: Readonly<Record<string, string>> = {
  '1': 'home',
  '2': 'insert',
  '3': 'delete',
  '4': 'end',
  '5': 'pageup',
  '6': 'pagedown',
  '7': 'home',
  '8': 'end',
  '11': 'f1',
  '12': 'f2',
  '13': 'f3',
  '14': 'f4',
  '15': 'f5',
  '17': 'f6',
  '18': 'f7',
  '19': 'f8',
  '20': 'f9',
  '21': 'f10',
  '23': 'f11',
  '24': 'f12',
};

const LETTER_KEYS: Readonly<Record<string, string>> = {
  A: 'up',
  B: 'down',
  C: 'right',
  D: 'left',
  H: 'home',
  F: 'end',
  P: 'f1',
  Q: 'f2',
  R: 'f3',
  S: 'f4',
};

function key(name: string, sequence: string, ctrl = false, shift = false, meta = false): NamedKey {
  return { kind: 'key', name, ctrl, shift, meta, sequence };
}

/** One control character as the key that sends it. */
export function controlKey(char: string): NamedKey {
  const code = char.charCodeAt(0);
  if (char === '\r' || char === '\n') return key('return', char);
  if (char === '\t') return key('tab', char);
  if (char === '\u007f' || char === '\b') return key('backspace', char);
  if (char === ESC) return key('escape', char);
  if (code === 0) return key('space', char, true);
  // Ctrl-A..Ctrl-Z send 1..26; Ctrl-\ ] ^ _ send 28..31.
  if (code <= 26) return key(String.fromCharCode(code + 0x60), char, true);
  if (code < 0x20) return key(String.fromCharCode(code + 0x40), char, true);
  return key('unknown', char);
}

/**
 * True when the bytes from `at` (an ESC) to the end of the chunk are the start of a CSI or
 * SS3 sequence whose rest has not come yet (a lone ESC included).
 */
export function cutOffSequence(chunk: string, at: number): boolean {
  const type = chunk[at + 1];
  if (type === undefined) return true;
  if (type === 'O') return at + 2 === chunk.length;
  if (type !== '[') return false;
  let index = at + 2;
  if (chunk[index] === '[') index++;
  while (index < chunk.length && /[\u0020-\u003f]/.test(chunk[index]!)) index++;
  return index === chunk.length;
}

/**
 * A CSI (ESC [ params final) or SS3 (ESC O final) sequence at `at`, or null when the bytes
 * there are not one (or are cut off at the end of the chunk).
 */
export function escapeSequence(chunk: string, at: number): { key: NamedKey; end: number } | null {
  const type = chunk[at + 1];
  if (type === 'O') {
    const final = chunk[at + 2];
    if (final === undefined || !/[\u0040-\u007e]/.test(final)) return null;
    return { key: key(LETTER_KEYS[final] ?? 'unknown', chunk.slice(at, at + 3)), end: at + 3 };
  }
  if (type !== '[') return null;
  let index = at + 2;
  if (chunk[index] === '[') index++; // the Linux console's F1-F5: ESC [ [ A
  while (index < chunk.length && /[\u0020-\u003f]/.test(chunk[index]!)) index++;
  const final = chunk[index];
  if (final === undefined || !/[\u0040-\u007e]/.test(final)) return null;
  const sequence = chunk.slice(at, index + 1);
  const params = sequence.slice(2, -1).split(';');
  // xterm's modifier parameter: 1 + (1 shift, 2 alt, 4 ctrl).
  const modifier = Math.max(0, Number(params[1] ?? '1') - 1) || 0;
  const [shift, meta, ctrl] = [(modifier & 1) > 0, (modifier & 2) > 0, (modifier & 4) > 0];
  let name = 'unknown';
  if (final === '~') name = TILDE_KEYS[params[0] ?? ''] ?? 'unknown';
  else if (final === 'Z') return { key: key('tab', sequence, false, true), end: index + 1 };
  else if (!sequence.startsWith(`${ESC}[[`)) name = LETTER_KEYS[final] ?? 'unknown';
  return { key: key(name, sequence, ctrl, shift, meta), end: index + 1 };
}
