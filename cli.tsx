#!/usr/bin/env node
/**
 * The `mcp-terminal` binary. Parses nothing itself: hands argv to the CLI edge with the
 * real process streams, and loads the TUI only when no verb is given.
 */
import { runCli } from './source/cli/main.js';
import { workingDirectory } from './source/cli/working-directory.js';

const context = {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: workingDirectory(process.env),
  now: Date.now,
};

// `mcp-terminal export | head`: the reader has all it wanted. Stop quietly, like cat.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const openTui = async (): Promise<number> =>
  (await import('./source/ui/run-tui.js')).runTui(context);

process.exitCode = await runCli(process.argv.slice(2), context, openTui);
