/**
 * Frames reach the terminal without ever stopping the UI thread. Node writes to a terminal
 * synchronously: when the terminal reads slowly (busy, or far away over ssh) the UI thread
 * waits inside write() until it catches up, and keys wait with it. In a 100,000-entry sync
 * that was the longest stall seen (18 ms, the benchmark's terminal busy collecting its own
 * garbage). Made non-blocking, a write the terminal cannot take yet is queued by libuv and
 * sent, in order, as the terminal reads; the program keeps answering keys meanwhile. The
 * mode is this process's alone: libuv opens the terminal afresh for its handle, so the
 * shell's descriptor stays blocking even if the program is killed.
 *
 * Leaving the screen then has two cases. A normal end writes the restore sequence behind
 * the queued frames, and the process exits once all of it is out. A signal or a crash
 * cannot wait: the terminal is made blocking again and the restore sequence written at
 * once, the queued frames dropped (they were for the screen being left); a CAN first ends
 * any escape sequence a frame was cut in the middle of.
 */
import { writeSync } from 'node:fs';

type Handle = { setBlocking(blocking: boolean): number; writeQueueSize?: number };

/** Node's handle of a terminal stream (not public API: guarded, and optional). */
function handleOf(stream: NodeJS.WriteStream): Handle | null {
  const handle = (stream as unknown as { _handle?: Partial<Handle> })._handle;
  return stream.isTTY && typeof handle?.setBlocking === 'function' ? (handle as Handle) : null;
}

/** Makes writes to the terminal non-blocking; false when the stream is not one. */
export function writeWithoutBlocking(stream: NodeJS.WriteStream): boolean {
  return handleOf(stream)?.setBlocking(false) === 0;
}

const CANCEL = '\u0018';

/** Writes `text` now, ahead of anything still queued (a signal or a crash). */
export function writeNow(stream: NodeJS.WriteStream & { readonly fd: number }, text: string): void {
  const handle = handleOf(stream);
  if (handle === null) {
    stream.write(text);
    return;
  }
  const cutFrame = (handle.writeQueueSize ?? 0) > 0;
  handle.setBlocking(true);
  try {
    writeSync(stream.fd, (cutFrame ? CANCEL : '') + text);
  } catch {
    // the terminal is gone (hung up): nothing to restore
  }
}
