// Lint rules: the recommended sets of ESLint and typescript-eslint, plus the few house rules
// from shared/STYLE.md that a machine can check (no enums, node: prefixes for built-ins).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Built-ins are imported with the node: prefix (every block of the rule repeats it). */
const NODE_PREFIX = {
  regex:
    '^(fs|path|os|child_process|worker_threads|crypto|url|util|stream|net|readline|events|http|timers)(/.*)?$',
  message: 'Import built-ins with the node: prefix.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.bench-data/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        performance: 'readonly',
      },
    },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string union and `as const`.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [NODE_PREFIX],
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  // The layers (shared/STYLE.md): core is pure, and the UI's components, state and hooks see
  // only core and the UI's own data port. A rule block replaces the one above for its files,
  // so each repeats the node: prefix rule.
  ...layerRules('source/core/*.ts', '^\\.\\./', 'core is pure: it imports only core'),
  ...layerRules('source/core/*/*.ts', '^\\.\\./\\.\\./', 'core is pure: it imports only core'),
  ...layerRules(
    'source/ui/{components,state,hooks,input,text}/**/*.{ts,tsx}',
    '^\\.\\./\\.\\./(storage|sync|worker|commands|config|search)/',
    'the UI reaches data through source/ui/data, not storage, sync, worker or commands',
  ),
);

/** `no-restricted-imports` for `files`: the node: prefix rule, and imports matching `outside`. */
function layerRules(files, outside, message) {
  const io = files.startsWith('source/core')
    ? [{ regex: '^(node:|better-sqlite3|@libsql/|ink|react)', message: 'core does no I/O' }]
    : [];
  return [
    {
      files: [files],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [NODE_PREFIX, { regex: outside, message }, ...io],
          },
        ],
      },
    },
  ];
}
