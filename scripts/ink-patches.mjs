// Build-time patches to Ink and its layout engine, used by scripts/build.mjs (and by the
// test that checks the patched Output draws what Ink's own does). Each refuses to build
// when the file it patches is not the one it was written against.
import { readFileSync } from 'node:fs';

/**
 * The file with `from` replaced by `to`. Refuses a file without `from` or without any of
 * `alsoRequired` (text the patch relies on): that is another Ink than the one patched.
 */
function replaced(plugin, path, from, to, ...alsoRequired) {
  const source = readFileSync(path, 'utf8');
  if (![from, ...alsoRequired].every((text) => source.includes(text)))
    throw new Error(`${plugin}: ${path} is not the Ink 6.8 it patches`);
  return source.replace(from, to);
}

/** One of the scripts/ink-*.js files appended to a patched module. */
const appended = (name) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

// Yoga (Ink's layout engine) decodes its inlined wasm with fetch() whenever fetch exists.
// In Node 20 that first fetch() loads the whole undici HTTP client (~20 ms before the TUI's
// first frame) only to read a data: URL; hidden from yoga, it takes its synchronous path.
export const yogaWithoutFetch = {
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

// Ink rebuilds the whole screen from its parts on every frame: it re-tokenises every ANSI
// line (with caches it empties each frame) and rebuilds every row cell by cell, even rows
// identical to one in the frame before. Two patches to build/output.js: one tokenising
// cache kept across frames (dropped when it grows past a bound; values are pure functions
// of the line), and scripts/ink-output-rows.js, which remembers each row's text by what was
// written on it. The first halved a badge-only frame; the second makes a frame in which the
// list moves by a few entries cost what its new rows cost.
export const inkOutputAcrossFrames = {
  name: 'ink-output-across-frames',
  setup(build) {
    build.onLoad({ filter: /ink[\\/]build[\\/]output\.js$/ }, (args) => {
      const patched = replaced(
        'ink-output-across-frames',
        args.path,
        'caches = new OutputCaches();',
        'caches = sharedOutputCaches();',
        // The row patch repeats get()'s construction; refuse an Ink whose get() changed.
        'return styledCharsToString(lineWithoutEmptyItems).trimEnd();',
      );
      const shared = [
        'let sharedCaches;',
        'function sharedOutputCaches() {',
        // ~120 styled cells per cached line: 2,000 lines (many screens) stay a few MB.
        '  if (sharedCaches === undefined || sharedCaches.styledChars.size > 2000 || sharedCaches.widths.size > 20000)',
        '    sharedCaches = new OutputCaches();',
        '  return sharedCaches;',
        '}',
      ].join('\n');
      return {
        contents: `${patched}\n${shared}\n${appended('ink-output-rows.js')}`,
        loader: 'js',
      };
    });
  },
};

// Ink's full-screen frames clear the terminal and rewrite every line; this writes only the
// lines that changed (scripts/ink-fullscreen-lines.js says why).
export const inkFullscreenChangedLines = {
  name: 'ink-fullscreen-changed-lines',
  setup(build) {
    build.onLoad({ filter: /ink[\\/]build[\\/]ink\.js$/ }, (args) => {
      const patched = replaced(
        'ink-fullscreen-changed-lines',
        args.path,
        'this.options.stdout.write(ansiEscapes.clearTerminal + this.fullStaticOutput + output);',
        'this.options.stdout.write(fullscreenFrame(this, output));',
      );
      return { contents: `${patched}\n${appended('ink-fullscreen-lines.js')}`, loader: 'js' };
    });
  },
};

// A text node's string is sanitised and measured once per distinct string, not on every
// frame (scripts/ink-text-once.js says why).
export const inkTextOnce = {
  name: 'ink-text-once',
  setup(build) {
    build.onLoad({ filter: /ink[\\/]build[\\/]squash-text-nodes\.js$/ }, (args) => {
      const patched = replaced(
        'ink-text-once',
        args.path,
        'return sanitizeAnsi(text);',
        'return sanitizeAnsiOnce(text);',
      );
      return { contents: `${patched}\n${appended('ink-text-once.js')}`, loader: 'js' };
    });
    // The width check before drawing a text node asks what layout already measured and
    // cached for the same string (measureText is widestLine, remembered).
    build.onLoad({ filter: /ink[\\/]build[\\/]render-node-to-output\.js$/ }, (args) => {
      const patched = replaced(
        'ink-text-once',
        args.path,
        'const currentWidth = widestLine(text);',
        'const currentWidth = measureText(text).width;',
      );
      return { contents: `import measureText from './measure-text.js';\n${patched}`, loader: 'js' };
    });
  },
};
