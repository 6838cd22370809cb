/**
 * The terminal's input as keys, one call per key, in the order they were pressed.
 *
 * Ink's useInput parses one key per piece of input, and a piece can hold several (a paste,
 * keys over ssh, keys pressed while the program was busy): the rest was typed into the
 * query as text, control characters and all. This listens where useInput listens, to the
 * pieces Ink reads from stdin (Ink's stdin context carries them on `internal_eventEmitter`;
 * Ink has already cut escape sequences apart there and told a lone Esc from one that starts
 * a sequence), and splits each into its keys (input/split-keys.ts).
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
    const onInput = (piece: string) => {
      for (const key of reader.push(piece)) handler.current(key);
    };
    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [events]);
}
