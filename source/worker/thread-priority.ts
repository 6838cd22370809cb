/**
 * Background threads (the sync loop, the query worker) give way to the UI thread. On a
 * small machine the sync worker, the query worker and a local sqld all want the same cores
 * while a big sync runs; at equal priority the scheduler lets them delay a frame by tens of
 * milliseconds. Linux keeps a nice value per thread, so lowering it here touches only the
 * calling worker; elsewhere (macOS, Windows) it would slow the whole process, so it is left.
 */
import { setPriority } from 'node:os';

/** A nice value a little below normal: background work still runs whenever the UI is idle. */
export const BACKGROUND_NICE = 10;

export function lowerThisThreadPriority(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false;
  try {
    setPriority(0, BACKGROUND_NICE);
    return true;
  } catch {
    return false; // not permitted (some containers): keep the default priority
  }
}
