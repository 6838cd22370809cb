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
 *
 * Two things wait for the next read, each for a bounded time (the caller runs the clock and
 * calls expire() when it runs out): an escape sequence cut off at the end of a read (over a
 * slow link ESC can come alone and `[B` a few milliseconds later: that is Down, not Esc
 * then "[B"), and a bracketed paste whose end marker has not come (a terminal or program
 * that never sends it must not swallow every key after it).
 */

import { controlKey, cutOffSequence, escapeSequence, type NamedKey } from './named-keys.js';

export type { NamedKey };

export type KeyInput =
  /** Printable characters typed (never a control character). */
  | { readonly kind: 'text'; readonly text: string }
  /** Pasted text with its control characters (newlines, tabs, ESC) turned into spaces. */
  | { readonly kind: 'paste'; readonly text: string }
  | NamedKey;

const ESC = '\u001b';
const PASTE_START = `${ESC}[200~`;
const PASTE_END = `${ESC}[201~`;

/**
 * How long an escape sequence cut off at the end of a read waits for its rest before it is
 * read as it stands (a lone ESC is then the Escape key). vim's ttimeout is 100 ms and tmux's
 * escape-time 500 ms; 50 ms covers a terminal's sequence split by a network hop while a
 * person pressing Esc sees no delay.
 */
export const ESCAPE_TIMEOUT_MS = 50;

/**
 * How long a bracketed paste without its end marker waits for more input before it ends
 * and what follows is read as keys again. A terminal sends a whole paste in a burst; a
 * half-second gap inside one is rarer than a paste that never ends.
 */
export const PASTE_TIMEOUT_MS = 500;

/**
 * The most pasted text kept for the query (the rest of a longer paste is dropped, still
 * read as paste so none of it turns into keys): bounds the memory an endless paste takes.
 */
export const PASTE_MAX_CHARS = 64 * 1024;

/** C0 controls, DEL and C1 controls: never typed into a query. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Runs of them, kept by split() (a capturing group). */
// eslint-disable-next-line no-control-regex
const CONTROL_RUN = /([\u0000-\u001f\u007f-\u009f]+)/;

/**
 * Reads keys from successive chunks. Holds state across chunks: whether a bracketed paste
 * is open (Ink hands its start, its text and its end over separately), and the bytes at the
 * end of the last chunk that may be the start of a sequence the next chunk completes.
 */
export class KeyReader {
  /** Inside a bracketed paste: its text so far has produced output (`pasted`). */
  #pasting = false;
  #pasted = false;
  /** Characters of the open paste kept so far (at most PASTE_MAX_CHARS). */
  #pastedChars = 0;
  /** A control character ended the last piece of paste: a space, if more text follows. */
  #spaceOwed = false;
  /**
   * Bytes cut off at the end of the last chunk: in a paste the start of PASTE_END, outside
   * one the start of an escape sequence (a lone ESC included). Never both.
   */
  #held = '';

  /**
   * What the reader waits for, and for how long (ms) the caller should wait before
   * expire(): an open paste, or an escape sequence cut off. Null: nothing is waiting.
   */
  get timeoutMs(): number | null {
    if (this.#pasting) return PASTE_TIMEOUT_MS;
    return this.#held.length > 0 ? ESCAPE_TIMEOUT_MS : null;
  }

  push(chunk: string): KeyInput[] {
    return this.#read(this.#held + chunk, false);
  }

  /**
   * No more input came in time: a sequence cut off is read as it stands (a lone ESC is the
   * Escape key), and an open paste ends (what comes next is keys).
   */
  expire(): KeyInput[] {
    const held = this.#held;
    this.#held = '';
    if (!this.#pasting) return this.#read(held, true);
    const keys: KeyInput[] = [];
    this.#pasteText(held, keys);
    this.#pasting = false;
    return keys;
  }

  /** The keys in `input`; `final`: nothing more will complete a sequence at its end. */
  #read(input: string, final: boolean): KeyInput[] {
    this.#held = '';
    const keys: KeyInput[] = [];
    let at = 0;
    while (at < input.length) {
      if (this.#pasting) at = this.#readPaste(input, at, keys);
      else if (!final && input[at] === ESC && cutOffSequence(input, at)) {
        this.#held = input.slice(at);
        at = input.length;
      } else at = this.#readKey(input, at, keys);
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
        this.#pastedChars = 0;
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
  #pasteText(whole: string, keys: KeyInput[]): void {
    const piece = whole.slice(0, Math.max(0, PASTE_MAX_CHARS - this.#pastedChars));
    this.#pastedChars += piece.length;
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

/** The keys in one chunk, read on their own (no paste open before it, nothing after it). */
export function splitKeys(chunk: string): KeyInput[] {
  const reader = new KeyReader();
  return [...reader.push(chunk), ...reader.expire()];
}
