// Module hooks for CLI verbs run in the test process (run-cli-in-process.ts): `init`
// imports its shell snippets (source/commands/init/*.bash, .zsh, .fish) as text, which
// esbuild's text loader does in the build (scripts/build.mjs) and node does not know.
import { readFile } from 'node:fs/promises';

const TEXT = /\.(bash|zsh|fish)$/;

export async function load(url, context, nextLoad) {
  if (!TEXT.test(new URL(url).pathname)) return nextLoad(url, context);
  const text = await readFile(new URL(url), 'utf8');
  return {
    format: 'module',
    source: `export default ${JSON.stringify(text)};`,
    shortCircuit: true,
  };
}
