/**
 * Opens the full-screen TUI: alternate screen in, first frame straight from the cache, and
 * the terminal restored however the program ends (quit, Ctrl-C, SIGTERM, a crash).
 */
import { render } from 'ink';
import { loadCommandConfig, type CommandContext } from '../commands/context.js';
import { LocalCache } from '../storage/local-cache.js';
import { SearchEngine } from '../core/search/engine.js';
import { hitsToResults } from '../search/search.js';
import { loadCandidates } from '../storage/candidates.js';
import { App, type SearchResults } from './app.js';

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
/** The minimal screen reads a bounded window of the newest entries. */
const WINDOW = 1000;

export async function runTui(context: CommandContext): Promise<number> {
  const config = loadCommandConfig(context);
  const cache = LocalCache.open(config.cachePath, { now: context.now });
  const entries = cache.list({ limit: WINDOW });
  const totalEntries = cache.countEntries();
  const machineId = cache.machineId;
  // The search index is built on the first keystroke, not before the first frame.
  let engine: SearchEngine | null = null;
  const search = (query: string, limit: number): SearchResults => {
    engine ??= new SearchEngine(loadCandidates(cache, { kind: 'all' }));
    const results = hitsToResults(cache, engine.search(query, limit), {});
    return {
      entries: results.map((r) => r.entry),
      positions: new Map(results.map((r) => [r.entry.uuid, r.positions])),
    };
  };

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
  };
  process.on('exit', restore);
  const onSignal = () => {
    restore();
    process.exit(130);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);

  process.stdout.write(ENTER_ALT_SCREEN);
  const app = render(
    <App
      entries={entries}
      search={search}
      machineId={machineId}
      totalEntries={totalEntries}
      now={context.now()}
    />,
    { exitOnCtrlC: true, patchConsole: false },
  );
  try {
    await app.waitUntilExit();
  } finally {
    restore();
    cache.close();
  }
  return 0;
}
