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

// Forms a review found stored in clear: [rule, typed, stored].
const FORMS: [string, string, string][] = [
  ['password', 'export PGPASSWORD=hunter2xyz', 'export PGPASSWORD=[REDACTED password]'],
  ['password', 'DB_PASSWORD=s3cr3tvalue ./run', 'DB_PASSWORD=[REDACTED password] ./run'],
  [
    'password',
    'export DEPLOY_TOKEN=t0k APP_SECRET="a b" OPENAI_API_KEY=k3y',
    'export DEPLOY_TOKEN=[REDACTED password] APP_SECRET=[REDACTED password] OPENAI_API_KEY=[REDACTED password]',
  ],
  [
    'password',
    'MYSQL_PWD=pw1 SMTP_PASS=pw2 SSHPASS=pw3 DJANGO_SECRET_KEY=pw4 make',
    'MYSQL_PWD=[REDACTED password] SMTP_PASS=[REDACTED password] SSHPASS=[REDACTED password] DJANGO_SECRET_KEY=[REDACTED password] make',
  ],
  // A command substitution is redacted whole: no word of it is left behind.
  [
    'password',
    'GITHUB_TOKEN=$(echo s3cret value) ./release',
    'GITHUB_TOKEN=[REDACTED password] ./release',
  ],
  [
    'aws-secret-key',
    `aws configure set aws_secret_access_key ${x(20, 'w')}/${x(19, 'K')}`,
    'aws configure set aws_secret_access_key [REDACTED aws-secret-key]',
  ],
  [
    'aws-secret-key',
    `aws configure set aws_session_token ${x(120, 'S')} --profile ci`,
    'aws configure set aws_session_token [REDACTED aws-secret-key] --profile ci',
  ],
  [
    'curl-password',
    'curl -u user:pass https://api.example.com/x',
    'curl -u user:[REDACTED curl-password] https://api.example.com/x',
  ],
  [
    'curl-password',
    'curl -sS --user admin:pa55 -H "Cookie: a=1; b=2" https://x?a=1&b=2',
    'curl -sS --user admin:[REDACTED curl-password] -H "Cookie: a=1; b=2" https://x?a=1&b=2',
  ],
  [
    'curl-password',
    `curl -H "Accept: */*" --user="me:two words" -su 'u:p q' -uadmin:pw https://x`,
    `curl -H "Accept: */*" --user="me:[REDACTED curl-password]" -su 'u:[REDACTED curl-password]' -uadmin:[REDACTED curl-password] https://x`,
  ],
  ['mysql-password', 'mysql -pSECRET', 'mysql -p[REDACTED mysql-password]'],
  ['mysql-password', 'mysql -u root -pSECRET db', 'mysql -u root -p[REDACTED mysql-password] db'],
  [
    'mysql-password',
    'docker exec db mysqldump -h 10.0.0.1 -P3306 -uroot -p"s e c" app | gzip > a.gz',
    'docker exec db mysqldump -h 10.0.0.1 -P3306 -uroot -p[REDACTED mysql-password] app | gzip > a.gz',
  ],
  ['mysql-password', 'mariadb-dump -pSECRET app', 'mariadb-dump -p[REDACTED mysql-password] app'],
  [
    'sshpass-password',
    'sshpass -p PASS ssh host',
    'sshpass -p [REDACTED sshpass-password] ssh host',
  ],
  [
    'sshpass-password',
    'sshpass -v -P assword: -pPASS ssh -p 2222 host',
    'sshpass -v -P assword: -p[REDACTED sshpass-password] ssh -p 2222 host',
  ],
];

test('env assignments, curl -u, mysql -p and sshpass -p keep their readable part', () => {
  const scanner = new SecretScanner();
  for (const [name, text, expected] of FORMS) {
    const scan = scanner.scan(text);
    assert.equal(scan.text, expected, text);
    assert.deepEqual(scan.found, [name], text);
    assert.deepEqual(scanner.scan(scan.text), { text: scan.text, found: [] }, 'idempotent');
  }
});

test('look-alikes of those forms are left alone', () => {
  const scanner = new SecretScanner();
  for (const text of [
    // -p is a parent, port or publish flag outside mysql and sshpass.
    'mkdir -p a/b',
    'ssh -p 2222 host',
    'docker run -p 8080:80 img',
    'sshpass -f ~/.pw ssh -p 2222 host',
    'apt install mysql-server && mkdir -pv /srv/x',
    // `-p` then a space: mysql asks for the password; the next word is the database.
    'mysql -u root -p db',
    'mysql -h db -P3306 -u root -p',
    // -u without a colon: curl asks for the password; a variable name is no secret.
    'curl -u "$USER" https://example.com',
    'curl -u alice https://example.com:8443/x',
    'curl --user-agent "a:b" https://example.com',
    // -u user:group belongs to docker and sudo, not curl; && starts another command.
    'docker run -u 1000:1000 img',
    'curl -fsS https://example.com && docker run -u 1000:1000 img',
    'git push -u origin main',
    // The secret word must end the name; `pwd` and `pass` are not glued to another word.
    'export PATH=$PATH:/x',
    'TOKEN_COUNT=3 make',
    'MAX_TOKENS=4096 ./generate',
    'OLDPWD=/home/me',
    'SSH_ASKPASS=/usr/bin/ksshaskpass git push',
    'aws configure set region eu-west-1',
  ]) {
    assert.deepEqual(scanner.scan(text), { text, found: [] }, text);
  }
});

test('a text repeating a program name many times is scanned in linear time', () => {
  const scanner = new SecretScanner();
  // Quadratic scanning of 600 KB would take minutes; linear takes milliseconds. The bound
  // is loose so a busy machine does not fail it.
  for (const text of [
    'mysql '.repeat(100_000),
    'curl "a" '.repeat(60_000),
    'sshpass -v '.repeat(50_000),
  ]) {
    const started = performance.now();
    assert.deepEqual(scanner.scan(text).found, []);
    assert.ok(performance.now() - started < 5_000, `${text.slice(0, 12)}… took too long`);
  }
});
