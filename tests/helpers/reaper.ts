/**
 * No process a test starts outlives the test process, even when that process is killed
 * with SIGKILL or cancelled by the runner: an exit handler cannot run then, so a watchdog
 * (reaper.sh, one per test process, started on first use) holds a pipe from this process
 * and, when the kernel closes it, kills every process group and tmux server still listed.
 *
 * Children are started as the leaders of their own process groups, so the watchdog's kill
 * also reaches what they started (the sqld under `mcp-terminal server`), and a group is
 * killed as soon as its leader ends, so nothing it left behind lives on either.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REAPER = fileURLToPath(new URL('./reaper.sh', import.meta.url));

let reaper: ChildProcess | undefined;

function tell(line: string): void {
  if (!reaper) {
    // Its own session: a Ctrl-C or a runner's signal to this process's group spares it.
    // No stdout or stderr: the runner waits for this process's output pipes to close.
    reaper = spawn('sh', [REAPER], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    reaper.stdin?.on('error', () => undefined); // gone already: nothing left to tell it
    // Neither it nor its pipe keeps this process alive; the pipe stays open until exit.
    reaper.unref();
    (reaper.stdin as unknown as { unref(): void } | null)?.unref();
  }
  reaper.stdin?.write(`${line}\n`);
}

/**
 * child_process.spawn, with the child leading its own process group, that group listed
 * with the watchdog, and killed when the child ends (whatever the child started). Typed
 * as spawn itself, so callers keep the stream types its overloads give.
 */
export const spawnOwned = ((
  command: string,
  argsOrOptions: readonly string[] | SpawnOptions = [],
  maybeOptions: SpawnOptions = {},
): ChildProcess => {
  const [args, options] = Array.isArray(argsOrOptions)
    ? [argsOrOptions as readonly string[], maybeOptions]
    : [[], argsOrOptions as SpawnOptions];
  const child = spawn(command, args, { ...options, detached: true });
  const pid = child.pid;
  if (pid === undefined) return child; // not started: its 'error' event says why
  tell(`+group ${pid}`);
  child.once('exit', () => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group ended with its leader, as it should.
    }
    tell(`-group ${pid}`);
  });
  return child;
}) as typeof spawn;

/** Lists a tmux server (socket -L `name`) with the watchdog; returns the call that unlists it. */
export function ownTmuxServer(name: string): () => void {
  tell(`+tmux ${name}`);
  return () => tell(`-tmux ${name}`);
}
