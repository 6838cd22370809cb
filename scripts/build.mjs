// Bundles the CLI and the library with esbuild. Bundling matters for start-up: an
// unbundled Ink start resolves hundreds of files; a bundle is a handful of reads.
// Code splitting keeps quick verbs (record, status) from loading the TUI's chunk.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import {
  inkFullscreenChangedLines,
  inkOutputAcrossFrames,
  inkTextOnce,
  yogaWithoutFetch,
} from './ink-patches.mjs';

rmSync('dist', { recursive: true, force: true });

// CommonJS packages inside an ESM bundle call require() for built-ins; give them one.
const banner = [
  "import { createRequire as __mcpCreateRequire } from 'node:module';",
  'const require = __mcpCreateRequire(import.meta.url);',
].join('\n');

await build({
  plugins: [yogaWithoutFetch, inkOutputAcrossFrames, inkFullscreenChangedLines, inkTextOnce],
  entryPoints: {
    cli: 'cli.tsx',
    index: 'source/index.ts',
    worker: 'source/worker/worker-entry.ts',
    'query-worker': 'source/ui/data/query-worker-entry.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Native addon and the libSQL client stay as packages: they load their own binaries.
  external: ['better-sqlite3', '@libsql/client', 'react-devtools-core'],
  banner: { js: banner },
  chunkNames: 'chunks/[name]-[hash]',
  jsx: 'automatic',
  // The shell integration snippets (source/commands/init) are real shell files.
  loader: { '.bash': 'text', '.zsh': 'text', '.fish': 'text' },
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
});

if (!process.argv.includes('--no-types')) {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
