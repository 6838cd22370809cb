/**
 * The CLI's verbs run in the test process: the edge the binary calls (source/cli/main.ts),
 * with a context of strings and a stdin made of the input. The same exit code, stdout and
 * stderr as the binary (run-cli.ts) gives, without starting node and loading the bundle for
 * each call, which made the fuzz and fault files the slowest of the suite (and, under load,
 * too slow). Use the binary where the process is what a test checks: signals, kill -9, the
 * bundle, a real pipe, the TUI.
 */
import { register } from 'node:module';
import { Readable } from 'node:stream';
import { runCli as runVerb } from '../../source/cli/main.js';
import { cliEnv, type CliResult } from './run-cli.js';

register('./text-loader.mjs', import.meta.url);

/** A pipe hands a program its input in chunks of at most 64 KiB; so does this stdin. */
function stdinOf(input: string | Buffer | undefined): Readable {
  const bytes = typeof input === 'string' ? Buffer.from(input) : (input ?? Buffer.alloc(0));
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 65_536) chunks.push(bytes.subarray(at, at + 65_536));
  return Readable.from(chunks, { objectMode: false });
}

/** As runCli (run-cli.ts), in this process. */
export async function runCliInProcess(
  args: readonly string[],
  options: {
    home: string;
    input?: string | Buffer;
    env?: Record<string, string | undefined>;
    cwd?: string;
    /** Make stdin say it is a terminal (isTTY), as a person typing answers would be. */
    terminal?: boolean;
  },
): Promise<CliResult> {
  let stdout = '';
  const stdin = stdinOf(options.input);
  if (options.terminal) Object.assign(stdin, { isTTY: true });
  let stderr = '';
  const code = await runVerb(
    args,
    {
      env: cliEnv(options.home, options.env),
      stdout: { write: (text: string) => ((stdout += text), true) },
      stderr: { write: (text: string) => ((stderr += text), true) },
      stdin,
      cwd: options.cwd ?? process.cwd(),
      now: Date.now,
    },
    () => Promise.reject(new Error('the TUI needs a terminal: run it with runCli or tmux')),
  );
  return { code, stdout, stderr };
}
