/**
 * Spawns the built binary (dist/cli.js) as a user would, with its own home. Where the
 * process adds nothing to what a test checks, run-cli-in-process.ts is much cheaper.
 */
import { fileURLToPath } from 'node:url';
import { spawnOwned } from './reaper.js';

export const CLI_PATH = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

/**
 * The environment a CLI run gets: this one, in `home`, with no remote and no session of its
 * own (a test names those when it wants them), then `extra`.
 */
export function cliEnv(
  home: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...process.env, MCP_TERMINAL_HOME: home };
  delete env['TURSO_DATABASE_URL'];
  delete env['TURSO_AUTH_TOKEN'];
  delete env['MCP_TERMINAL_SESSION'];
  return { ...env, ...extra };
}

export function runCli(
  args: readonly string[],
  options: {
    home: string;
    input?: string | Buffer;
    env?: Record<string, string | undefined>;
    cwd?: string;
  },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnOwned(process.execPath, [CLI_PATH, ...args], {
      env: cliEnv(options.home, options.env),
      cwd: options.cwd ?? process.cwd(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
