import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySecretPolicy, secretPolicy, SecretScanner } from '../../source/core/secrets.js';

// Built at run time, so the repository holds no token-shaped strings.
const x = (n: number, c = 'a') => c.repeat(n);
const SAMPLES: [string, string, string][] = [
  [
    'aws-access-key',
    `aws s3 ls --key AKIA${x(16, 'B')}`,
    'aws s3 ls --key [REDACTED aws-access-key]',
  ],
  [
    'aws-secret-key',
    `export AWS_SECRET_ACCESS_KEY=${x(40, 'k')}`,
    'export AWS_SECRET_ACCESS_KEY=[REDACTED aws-secret-key]',
  ],
  [
    'github-token',
    `git clone https://ghp_${x(36)}@github.com/o/r`,
    'git clone https://[REDACTED github-token]@github.com/o/r',
  ],
  [
    'github-token',
    `gh auth login --with-token github_pat_${x(40, '1')}`,
    'gh auth login --with-token [REDACTED github-token]',
  ],
  [
    'gitlab-token',
    `curl -H "PRIVATE-TOKEN: glpat-${x(20, 'x')}"`,
    'curl -H "PRIVATE-TOKEN: [REDACTED gitlab-token]"',
  ],
  ['slack-token', `SLACK=xoxb-${x(12, '1')}-${x(10, 'z')}`, 'SLACK=[REDACTED slack-token]'],
  [
    'private-key',
    `-----BEGIN OPENSSH PRIVATE KEY-----\n${x(64)}\n-----END OPENSSH PRIVATE KEY-----\nok`,
    '[REDACTED private-key]\nok',
  ],
  [
    'bearer-token',
    `curl -H 'Authorization: Bearer ${x(30, 'T')}' api`,
    "curl -H 'Authorization: Bearer [REDACTED bearer-token]' api",
  ],
  [
    'password',
    'mysql --host db password=hunter2 -e "select 1"',
    'mysql --host db password=[REDACTED password] -e "select 1"',
  ],
  [
    'password-flag',
    'psql --password s3cr3t -h db',
    'psql --password [REDACTED password-flag] -h db',
  ],
  [
    'url-password',
    'git remote add o https://me:pa55@example.com/r.git',
    'git remote add o https://me:[REDACTED url-password]@example.com/r.git',
  ],
];

test('each built-in rule finds its secret and leaves the rest of the line', () => {
  const scanner = new SecretScanner();
  for (const [name, text, expected] of SAMPLES) {
    const scan = scanner.scan(text);
    assert.equal(scan.text, expected, name);
    assert.ok(scan.found.includes(name), `${name} found in ${JSON.stringify(scan.found)}`);
  }
});

test('ordinary commands and prose are left alone', () => {
  const scanner = new SecretScanner();
  for (const text of [
    'git commit -m "fix token parsing"',
    'npm test -- --grep password',
    'export PATH=$HOME/bin:$PATH',
    'ssh-keygen -t ed25519',
    'docker run -e MODE=prod app',
    'cat ~/.ssh/id_ed25519.pub',
    'The password reset flow sends an email.',
  ]) {
    assert.deepEqual(scanner.scan(text), { text, found: [] }, text);
  }
});

test('the policy redacts, skips or leaves entries; custom patterns add rules', () => {
  const entry = { command: `deploy --token ${x(20, 'q')}`, response: 'done', status: 'ok' };
  const redacted = applySecretPolicy(secretPolicy('redact'), entry);
  assert.equal(redacted.entry?.command, 'deploy --token [REDACTED password-flag]');
  assert.deepEqual(redacted.found, ['password-flag']);
  assert.deepEqual(applySecretPolicy(secretPolicy('skip'), entry), {
    entry: null,
    found: ['password-flag'],
  });
  assert.deepEqual(applySecretPolicy(secretPolicy('off'), entry), { entry, found: [] });
  const custom = secretPolicy('redact', ['corp-[0-9a-f]{8}']);
  const scanned = applySecretPolicy(custom, { command: 'login corp-deadbeef', response: null });
  assert.deepEqual(scanned, {
    entry: { command: 'login [REDACTED custom-1]', response: null },
    found: ['custom-1'],
  });
});
