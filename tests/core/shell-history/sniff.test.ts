/**
 * Which files are refused as not being the history they are imported as, and which pass.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { sniffHistory, type TextHistoryKind } from '../../../source/core/shell-history/sniff.js';

const sniff = (kind: TextHistoryKind, bytes: string | Buffer) =>
  sniffHistory(kind, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);

const BASH_TIMED = '#1732000000\ngit status\n#1732000060\nmake test\n#1732000090\nls -la\n';
const ZSH_EXTENDED = ': 1732000000:0;git status\n: 1732000060:3;make test\n: 1732000090:0;ls -la\n';
const FISH =
  '- cmd: git status\n  when: 1732000000\n- cmd: ls\n  when: 1732000090\n  paths:\n    - .\n';
// A bundle's first lines, as `import bash dist/cli.js` met them.
const JAVASCRIPT = `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
import {
  readSyncStatus
} from "./chunks/chunk-FDRP6W5V.js";
export async function main(args) {
  if (args.length === 0) {
    return 1;
  }
  return run(args);
}
`;

test('histories of each kind pass, pasted code and odd lines included', () => {
  const pasted =
    'cd /srv\nfor f in *; do echo "$f"; done\nmake\n  ls\ngit log\nvim a.c\nmake\nls\n';
  for (const [kind, bytes] of [
    ['bash', 'ls\ncd a\nls\n'],
    ['bash', BASH_TIMED],
    ['bash', '#1732000000\nfunction f {\n  echo hi\n}\n#1732000001\nf\n'],
    ['bash', pasted],
    ['bash', ''],
    ['zsh', ZSH_EXTENDED],
    ['zsh', 'ls\ncd a\n'],
    ['zsh', ': 1732000000:0;for f in *\\\ndo\\\n  echo $f\\\ndone\n'],
    ['fish', FISH],
    ['fish', `${FISH}ERROR\n- CORRUPTED: ENTRY\n`],
  ] as const) {
    assert.deepEqual(sniff(kind, bytes), { ok: true }, `${kind}: ${JSON.stringify(bytes)}`);
  }
});

test('program code and scripts are refused as bash or zsh histories', () => {
  for (const kind of ['bash', 'zsh'] as const) {
    const code = sniff(kind, JAVASCRIPT);
    assert.equal(code.ok, false);
    assert.match(
      !code.ok ? code.reason : '',
      /does not look like a .* history: \d+ of its \d+ commands look like program code or prose/,
    );
    const script = sniff(kind, '#!/bin/sh\nset -e\nmake\n');
    assert.match(!script.ok ? script.reason : '', /starts with #!, so it is a script/);
  }
});

test('Markdown and prose are refused too', () => {
  const readme = [
    '# mcp-terminal',
    'Local-first history for an AI terminal assistant: every command a person typed, the',
    'response, tokens and status, kept in a cache on each machine and shared across them.',
    '## Start',
    '- install it with npm',
    'npm ci && npm start',
  ].join('\n');
  const sniffed = sniff('bash', readme);
  assert.match(
    !sniffed.ok ? sniffed.reason : '',
    /5 of its 6 commands look like program code or prose/,
  );
});

test("another shell's history is refused with the verb to use instead", () => {
  const cases: [TextHistoryKind, string, RegExp, string][] = [
    ['zsh', BASH_TIMED, /looks like a bash history/, 'bash'],
    ['fish', BASH_TIMED, /looks like a bash history/, 'bash'],
    ['bash', FISH, /looks like a fish history/, 'fish'],
    ['zsh', FISH, /looks like a fish history/, 'fish'],
    ['bash', ZSH_EXTENDED, /looks like a zsh history/, 'zsh'],
    ['fish', ZSH_EXTENDED, /looks like a zsh history/, 'zsh'],
  ];
  for (const [kind, bytes, reason, suggest] of cases) {
    const sniffed = sniff(kind, bytes);
    assert.equal(sniffed.ok, false, kind);
    if (sniffed.ok) continue;
    assert.match(sniffed.reason, reason);
    assert.equal(sniffed.suggest, suggest);
  }
  const plain = sniff('fish', 'ls\ncd a\n');
  assert.match(!plain.ok ? plain.reason : '', /does not look like a fish history/);
});

test('binary files are refused, an SQLite database with a pointer to import atuin', () => {
  const sqlite = sniff(
    'bash',
    Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(100)]),
  );
  assert.deepEqual(sqlite, { ok: false, reason: 'is an SQLite database', suggest: 'atuin' });
  const elf = sniff('zsh', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]));
  assert.match(!elf.ok ? elf.reason : '', /executable/);
  // UTF-16 text scatters NULs: each counts.
  const utf16 = sniff('bash', Buffer.from('ls -la\ncd /srv\nmake test\n'.repeat(20), 'utf16le'));
  assert.match(!utf16.ok ? utf16.reason : '', /binary file \(\d+ control bytes/);
  const control = sniff(
    'bash',
    Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 ? 0x41 : 0x02))),
  );
  assert.match(!control.ok ? control.reason : '', /binary file \(\d+ control bytes/);
});

test('a run of NUL bytes (a write lost in a crash) is damage, not a binary file', () => {
  const nuls = Buffer.alloc(4096);
  for (const [kind, before, after] of [
    ['bash', BASH_TIMED, 'git push\n#1732000200\nls\n'],
    ['bash', 'ls\ncd a\n', 'make\n'],
    ['zsh', ZSH_EXTENDED, ': 1732000200:0;ls\n'],
    ['fish', FISH, '- cmd: pwd\n  when: 1732000200\n'],
  ] as const) {
    const bytes = Buffer.concat([Buffer.from(before), nuls, Buffer.from(after)]);
    assert.deepEqual(sniff(kind, bytes), { ok: true }, `${kind}: ${before}`);
  }
});

// A fresh machine's first day.
const FRESH_MACHINE = [
  'sudo apt install git curl wget vim tmux htop',
  'pip install numpy pandas matplotlib scipy jupyter seaborn',
  'npm install react react-dom next typescript eslint prettier',
  '> debug.log',
  'ls',
  'cd project',
  'git clone https://github.com/x/y',
  'make',
  'vim README.md',
  'docker compose up -d',
  'exit',
];
// The commands of Atuin's importer test inputs (tests/core/shell-history/*.test.ts).
const ATUIN_INPUTS = [
  'cargo install atuin',
  'cargo update',
  'cargo :b̷i̶t̴r̵o̴t̴ ̵i̷s̴ ̷r̶e̵a̸l̷',
  'git reset',
  'git clean -dxf',
  'cd ../',
  'cargo install atuin; \\',
  'echo 你好',
  'ls ~/音乐',
  ': > file',
  ': foo:bar;baz',
  'history --help',
  'cat ~/.bash_history',
  'ls ~/.local/share/fish/fish_history',
  'echo "foo" \\',
];
const ONE_LINERS = [
  'for f in *.log; do gzip "$f"; done',
  'for i in $(seq 1 10); do echo $i; done',
  'while true; do date; sleep 1; done',
  '{ echo a; echo b; } > out.txt',
  '{ time make; } 2>&1 | tee build.log',
  "python -c 'import sys; print(sys.path)'",
  'python3 -c "import json, sys; print(json.load(sys.stdin)[\'name\'])" < package.json',
  'cat <<EOF > config.yml',
  "cat <<'EOF'",
  'brew install git node python go rust wget jq ripgrep fd bat',
  'conda install numpy scipy pandas scikit-learn matplotlib',
  'gem install rails bundler rake rspec pry rubocop',
  'echo Build finished, restart the server now',
  '> /var/log/app.log',
];

test('real histories pass: a fresh machine, Atuin test inputs, one-liners', () => {
  for (const lines of [FRESH_MACHINE, ATUIN_INPUTS, ONE_LINERS]) {
    const text = `${lines.join('\n')}\n`;
    for (const kind of ['bash', 'zsh'] as const) {
      assert.deepEqual(sniff(kind, text), { ok: true }, `${kind}: ${lines[0]}`);
    }
    const timed = lines.map((line, i) => `#${1_732_000_000 + i}\n${line}`).join('\n');
    assert.deepEqual(sniff('bash', `${timed}\n`), { ok: true }, `timed: ${lines[0]}`);
    const extended = lines.map((line, i) => `: ${1_732_000_000 + i}:0;${line}`).join('\n');
    assert.deepEqual(sniff('zsh', `${extended}\n`), { ok: true }, `extended: ${lines[0]}`);
  }
});

test("this project's own README, docs, LICENSE, package.json and scripts are refused", () => {
  const root = new URL('../../../', import.meta.url);
  const docs = readdirSync(new URL('docs/', root)).map((name) => `docs/${name}`);
  const files = ['README.md', 'LICENSE', 'package.json', 'scripts/build.mjs', ...docs];
  // The bundle, when it was built (npm test builds before it tests).
  if (existsSync(new URL('dist/cli.js', root))) files.push('dist/cli.js');
  for (const file of files) {
    for (const kind of ['bash', 'zsh'] as const) {
      assert.equal(sniff(kind, readFileSync(new URL(file, root))).ok, false, `${kind}: ${file}`);
    }
  }
});
