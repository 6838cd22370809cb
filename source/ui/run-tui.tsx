/**
 * Opens the full-screen TUI: alternate screen in, first frame straight from the cache (the
 * newest entries, one indexed read), then the query worker and, when a remote is
 * configured, the sync worker. The terminal is restored however the program ends (quit,
 * Ctrl-C, SIGTERM, a crash). Tab's command is printed on stdout after the screen is back,
 * so `$(mcp-terminal)` works: when stdout is not a terminal the screen is drawn on stderr.
 * Without a terminal it stops before writing anything (terminal-check.ts).
 */
import { render } from 'ink';
import { sanitizeBlock } from '../core/sanitize.js';
import { loadCommandConfig, type CommandContext } from '../commands/context.js';
import { LocalCache } from '../storage/local-cache.js';
import { BackgroundSync } from '../worker/background-sync.js';
import { lowerOtherThreadsPriority } from '../worker/thread-priority.js';
import { App } from './app.js';
import { systemCopier } from './clipboard.js';
import { cacheStore } from './data/tui-store.js';
import { WorkerSource } from './data/worker-source.js';
import { loopStats } from './loop-stats.js';
import { LIST_WINDOW } from './state/app-state.js';
import { screenStream } from './terminal-check.js';
import { writeNow, writeWithoutBlocking } from './terminal-output.js';
import { warmUp } from './warm-up.js';

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
// Bracketed paste: the terminal marks a paste, so it reaches the query as text instead of
// as keys (a newline in it would be Enter).
const PASTE_ON = '\u001b[?2004h';
const PASTE_OFF = '\u001b[?2004l';
// No autowrap: rows are cut to the width already (text/display-width.ts); a terminal that
// draws some emoji wider than that then cuts the row's end instead of wrapping it and
// pushing every row below down.
const WRAP_OFF = '\u001b[?7l';
const WRAP_ON = '\u001b[?7h';
/** Every mode the TUI turns on, turned off (written on every way out). */
const RESTORE = WRAP_ON + PASTE_OFF + SHOW_CURSOR + LEAVE_ALT_SCREEN;

/**
 * Tab's command as printed: exact when stdout is captured (`$(mcp-terminal)` puts it on
 * the shell's line), with control sequences neutralised when stdout is the terminal itself,
 * where a stored `\e]0;…\a` would retitle it or `\e[2J` clear it.
 */
function forStdout(command: string, stdout: CommandContext['stdout']): string {
  return (stdout as { isTTY?: boolean }).isTTY === true ? sanitizeBlock(command) : command;
}

export async function runTui(context: CommandContext): Promise<number> {
  const screen = screenStream<NodeJS.WriteStream & { readonly fd: number }>(process);
  const config = loadCommandConfig(context);
  const cache = LocalCache.open(config.cachePath, { now: context.now });
  const initialEntries = cache.list({ limit: LIST_WINDOW });

  const remote = config.remote.url !== null && config.sync.offline_mode !== 'always';
  const sync = remote ? new BackgroundSync({ config }) : null;
  // V8's helpers give way to the UI thread; the workers, started after this, do not: both
  // take SQLite's write lock, which a thread waiting for a CPU would hold (thread-priority.ts).
  lowerOtherThreadsPriority();
  const source = new WorkerSource(config.cachePath);
  let accepted: string | null = null;

  screen.write(ENTER_ALT_SCREEN + PASTE_ON + WRAP_OFF);
  writeWithoutBlocking(screen);
  const app = render(
    <App
      initialEntries={initialEntries}
      source={source}
      store={cacheStore(cache, config, context.now)}
      where={{
        machineId: cache.machineId,
        sessionId: context.env['MCP_TERMINAL_SESSION'] ?? null,
        cwd: context.cwd,
      }}
      sync={sync}
      copy={systemCopier(context.env)}
      onAccept={(command) => {
        accepted = command;
      }}
      now={context.now}
    />,
    { stdout: screen, exitOnCtrlC: true, patchConsole: false, maxFps: 60 },
  );
  let restored = false;
  /** `now`: the process ends at once (signal, crash), frames still queued are dropped. */
  const restore = (now: boolean) => {
    if (restored) return;
    restored = true;
    // Ink writes its last frame when it unmounts (it also hooks process exit): that must
    // land on the alternate screen, before we leave it.
    app.unmount();
    if (now) writeNow(screen, RESTORE);
    else screen.write(RESTORE);
  };
  process.on('exit', () => restore(true));
  const onSignal = () => {
    restore(true);
    process.exit(130);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  // Ctrl-C is a key once Ink has the terminal in raw mode; pressed in the instant before
  // (right after the first frame), the terminal sends SIGINT instead. Without a handler the
  // process died on the alternate screen, and a shell dropped the rest of its command line.
  process.once('SIGINT', onSignal);

  const loop = loopStats(context.env);
  // The workers start after the first frame is on its way.
  setImmediate(() => {
    warmUp();
    sync?.start();
    loop?.start();
  });
  try {
    await app.waitUntilExit();
  } finally {
    restore(false);
    loop?.save();
    await Promise.all([sync?.stop(2_000), source.close()]);
    cache.close();
  }
  if (accepted !== null) context.stdout.write(`${forStdout(accepted, context.stdout)}\n`);
  return 0;
}
