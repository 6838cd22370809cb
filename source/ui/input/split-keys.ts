/**
 * Terminal input split into the keys it holds. A terminal hands over whatever arrived since
 * the last read: a paste, keys typed over ssh, keys pressed while the program was busy.
 * Ink's useInput reads one key out of such a chunk and types the rest into the query, so
 * `x`, Ctrl-U, `y` showed "xy" and two Ctrl-R put control characters in the query. Here a
 * chunk becomes, in order: runs of printable text, control keys, escape sequences (CSI and
 * SS3: arrows, Home, PgUp...) and bracketed pastes (ESC[200~ ... ESC[201~).
 *
 * An ESC not followed by `[` or `O` is the Escape key, and what follows it is read as keys
 * of its own: Alt-x sends the same bytes as Esc then x, and the TUI binds no Alt keys, so
 * the reading that keeps every key a person pressed wins.
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

export type KeyInput =
  /** Printable characters typed (never a control character). */
  | { readonly kind: 'text'; readonly text: string }
  /** Pasted text with its control characters (newlines, tabs, ESC) turned into spaces. */
  | { readonly kind: 'paste'; readonly text: string }
  | NamedKey;

const ESC = '\u001b';
const PASTE_START = `${ESC}[200~`;
const PASTE_END = `${ESC}[201~`;

/** C0 controls, DEL and C1 controls: never typed into a query. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Runs of them, kept by split() (a capturing group). */
// eslint-disable-next-line no-control-regex
const CONTROL_RUN = /([\u0000-\u001f\u007f-\u009f]+)/;

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
function controlKey(char: string): NamedKey {
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
 * A CSI (ESC [ params final) or SS3 (ESC O final) sequence at `at`, or null when the bytes
 * there are not one (or are cut off at the end of the chunk).
 */
function escapeSequence(chunk: string, at: number): { key: NamedKey; end: number } | null {
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

/**
 * Reads keys from successive chunks. Holds one piece of state across chunks: whether a
 * bracketed paste is open (Ink hands its start, its text and its end over separately).
 */
export class KeyReader {
  /** Inside a bracketed paste: its text so far has produced output (`pasted`). */
  #pasting = false;
  #pasted = false;
  /** A control character ended the last piece of paste: a space, if more text follows. */
  #spaceOwed = false;
  /** The start of a PASTE_END cut off at the end of the last chunk. */
  #held = '';

  push(chunk: string): KeyInput[] {
    const input = this.#held + chunk;
    this.#held = '';
    const keys: KeyInput[] = [];
    let at = 0;
    while (at < input.length) {
      at = this.#pasting ? this.#readPaste(input, at, keys) : this.#readKey(input, at, keys);
    }
    return keys;
  }

  /** Reads one key (or one run of text) at `at` into `keys`; returns where the next starts. */
  #readKey(input: string, at: number, keys: KeyInput[]): number {
    const char = input[at]!;
    if (char === ESC) {
      if (input.startsWith(PASTE_START, at)) {
        this.#pasting = true;
        this.#pasted = false;
        this.#spaceOwed = false;
        return at + PASTE_START.length;
      }
      const sequence = escapeSequence(input, at);
      if (sequence !== null) {
        keys.push(sequence.key);
        return sequence.end;
      }
      keys.push(controlKey(char));
      return at + 1;
    }
    if (CONTROL.test(char)) {
      keys.push(controlKey(char));
      return at + 1;
    }
    let end = at + 1;
    while (end < input.length && !CONTROL.test(input[end]!)) end++;
    keys.push({ kind: 'text', text: input.slice(at, end) });
    return end;
  }

  #readPaste(input: string, at: number, keys: KeyInput[]): number {
    const end = input.indexOf(PASTE_END, at);
    let stop = end < 0 ? input.length : end;
    if (end < 0) {
      // The end marker may be cut in two by the chunk boundary: keep its start for later.
      for (let n = Math.min(PASTE_END.length - 1, input.length - at); n > 0; n--) {
        if (PASTE_END.startsWith(input.slice(input.length - n))) {
          this.#held = input.slice(input.length - n);
          stop = input.length - n;
          break;
        }
      }
    }
    this.#pasteText(input.slice(at, stop), keys);
    if (end < 0) return input.length;
    this.#pasting = false;
    return end + PASTE_END.length;
  }

  /** Controls at the ends of a paste go (a copied line's newline); runs inside become one space. */
  #pasteText(piece: string, keys: KeyInput[]): void {
    let text = '';
    for (const part of piece.split(CONTROL_RUN)) {
      if (part.length === 0) continue;
      if (CONTROL.test(part)) {
        this.#spaceOwed = this.#pasted;
        continue;
      }
      text += (this.#spaceOwed ? ' ' : '') + part;
      this.#spaceOwed = false;
      this.#pasted = true;
    }
    if (text.length === 0) return;
    const last = keys[keys.length - 1];
    if (last?.kind === 'paste') keys[keys.length - 1] = { kind: 'paste', text: last.text + text };
    else keys.push({ kind: 'paste', text });
  }
}

/** The keys in one chunk, read on their own (no paste open before it). */
export function splitKeys(chunk: string): KeyInput[] {
  return new KeyReader().push(chunk);
}
