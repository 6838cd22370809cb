// Bundles the CLI and the library with esbuild. Bundling matters for start-up: an
// unbundled Ink start resolves hundreds of files; a bundle is a handful of reads.
// Code splitting keeps quick verbs (record, status) from loading the TUI's chunk.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });

// CommonJS packages inside an ESM bundle call require() for built-ins; give them one.
const banner = [
  "import { createRequire as __mcpCreateRequire } from 'node:module';",
  'const require = __mcpCreateRequire(import.meta.url);',
].join('\n');

// Yoga (Ink's layout engine) decodes its inlined wasm with fetch() whenever fetch exists.
// In Node 20 that first fetch() loads the whole undici HTTP client (~20 ms before the TUI's
// first frame) only to read a data: URL; hidden from yoga, it takes its synchronous path.
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  setup(build) {
    build.onLoad({ filter: /yoga-layout[\\/].*yoga-wasm-base64-esm\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const patched = source.replaceAll('typeof fetch', 'typeof undefined');
      if (patched === source) throw new Error(`yoga-without-fetch: no fetch probe in ${args.path}`);
      return { contents: patched, loader: 'js' };
    });
  },
};

// Ink rebuilds the whole screen from its parts on every frame, and each frame starts with
// empty caches: most of a frame's cost (~4 ms of ~5 ms here) is re-tokenising ANSI lines that
// were identical in the frame before. One cache kept across frames (dropped when it grows
// past a bound) halves a redraw; the cached values are pure functions of the line.
const inkOutputCacheAcrossFrames = {
  name: 'ink-output-cache-across-frames',
  setup(build) {
    build.onLoad({ filter: /ink[\\/]build[\\/]output\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const patched = source.replace(
        'caches = new OutputCaches();',
        'caches = sharedOutputCaches();',
      );
      if (patched === source)
        throw new Error(`ink-output-cache: no per-frame cache in ${args.path}`);
      const shared = [
        'let sharedCaches;',
        'function sharedOutputCaches() {',
        // ~120 styled cells per cached line: 2,000 lines (many screens) stay a few MB.
        '  if (sharedCaches === undefined || sharedCaches.styledChars.size > 2000 || sharedCaches.widths.size > 20000)',
        '    sharedCaches = new OutputCaches();',
        '  return sharedCaches;',
        '}',
      ].join('\n');
      return { contents: `${patched}\n${shared}\n`, loader: 'js' };
    });
  },
};

await build({
  plugins: [yogaWithoutFetch, inkOutputCacheAcrossFrames],
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
