/**
 * The terminal's input as keys, one call per key, in the order they were pressed.
 *
 * Ink's useInput parses one key per piece of input, and a piece can hold several (a paste,
 * keys over ssh, keys pressed while the program was busy): the rest was typed into the
 * query as text, control characters and all. This listens where useInput listens, to the
 * pieces Ink reads from stdin (Ink's stdin context carries them on `internal_eventEmitter`),
 * and splits each into its keys (input/split-keys.ts). Ink holds a lone ESC only until the
 * end of the current read; the reader holds a sequence cut off at the end of a piece a
 * little longer (the rest may come in the next read), and ends a paste whose end marker
 * never comes, on the timer run here.
 */
import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { KeyReader, type KeyInput } from '../input/split-keys.js';

export function useKeys(onKey: (key: KeyInput) => void): void {
  const { setRawMode, internal_eventEmitter: events } = useStdin();
  // The newest handler: it closes over the newest props, and re-subscribing on each render
  // could drop a piece that arrives in between.
  const handler = useRef(onKey);
  handler.current = onKey;

  useEffect(() => {
    setRawMode(true);
    return () => setRawMode(false);
  }, [setRawMode]);

  useEffect(() => {
    const reader = new KeyReader(); // one per subscription: a paste open in it ends with it
    /** Runs while the reader waits for more input (its timeoutMs is not null). */
    let timer: NodeJS.Timeout | undefined;
    const deliver = (keys: readonly KeyInput[]) => {
      for (const key of keys) handler.current(key);
    };
    const wait = () => {
      const ms = reader.timeoutMs;
      if (ms !== null) timer = setTimeout(() => deliver(reader.expire()), ms);
    };
    const onInput = (piece: string) => {
      clearTimeout(timer);
      deliver(reader.push(piece));
      wait();
    };
    events.on('input', onInput);
    return () => {
      clearTimeout(timer);
      events.off('input', onInput);
    };
  }, [events]);
}
