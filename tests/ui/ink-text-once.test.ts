/**
 * The build appends scripts/ink-text-once.js to Ink's text squashing: each distinct string
 * is sanitised once, and text holding nothing but colour codes skips Ink's tokeniser. Here
 * the file itself, run against Ink's own sanitizeAnsi, must return exactly what
 * sanitizeAnsi returns for random mixes of text, colours, other escape sequences and C1
 * controls, the first time and from its memory.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';

type Sanitize = (text: string) => string;

const inkBuild = dirname(fileURLToPath(import.meta.resolve('ink')));
const { default: sanitizeAnsi } = (await import(
  pathToFileURL(join(inkBuild, 'sanitize-ansi.js')).href
)) as { default: Sanitize };
const source = readFileSync(new URL('../../scripts/ink-text-once.js', import.meta.url), 'utf8');
// The patch file run as the build appends it: after Ink's module, its sanitizeAnsi in scope.
const sanitizeAnsiOnce = new Function('sanitizeAnsi', `${source}\nreturn sanitizeAnsiOnce;`)(
  sanitizeAnsi,
) as Sanitize;

const FRAGMENTS = [
  'git status',
  ' ',
  'é',
  '日本',
  '🚀',
  '\u001b[31m',
  '\u001b[1;4m',
  '\u001b[m',
  '\u001b[38:5:1m',
  '\u001b[2J',
  '\u001b[?25l',
  '\u001b[1 q',
  '\u001b]8;;https://x\u0007',
  '\u001b]0;t\u001b\\',
  '\u001b',
  '\u001b[',
  '\u009b31m',
  '\u009d0;x\u009c',
  '\u0085',
  '\u0007',
  '\u001bc',
  '[31m',
  'm',
];

test('sanitised once: the same text as Ink sanitises, whether colours only or not', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      const expected = sanitizeAnsi(text);
      assert.equal(sanitizeAnsiOnce(text), expected, JSON.stringify(text));
      assert.equal(sanitizeAnsiOnce(text), expected, 'remembered');
    }),
    { numRuns: 3000, seed: 11 },
  );
});

test('a coloured list row is passed through; a cursor move inside one is dropped', () => {
  const row = '\u001b[36m> \u001b[39m\u001b[2m5 min ago\u001b[22m git push';
  assert.equal(sanitizeAnsiOnce(row), row);
  assert.equal(sanitizeAnsiOnce(`a\u001b[2Jb`), 'ab');
});
