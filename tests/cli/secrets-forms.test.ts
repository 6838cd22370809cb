/**
 * The secret forms a review found stored in clear (env assignments, `aws configure set`,
 * `curl -u`, `mysql -p`, `sshpass -p`) are redacted on every way in: record --command,
 * --response, --stdin and import bash. Checked on the raw bytes of the cache files and of
 * every file of a real sqld after a sync.
 */
import assert from 'node:assert/strict';
import {
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createClient } from '@libsql/client/http';
import { runCli } from '../helpers/run-cli.js';
import { startSqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

type Form = { readonly typed: (secret: string) => string; readonly stored: string };

const FORMS: readonly Form[] = [
  { typed: (s) => `export PGPASSWORD=${s}`, stored: 'export PGPASSWORD=[REDACTED password]' },
  { typed: (s) => `DB_PASSWORD=${s} ./run`, stored: 'DB_PASSWORD=[REDACTED password] ./run' },
  {
    typed: (s) => `aws configure set aws_secret_access_key ${s}`,
    stored: 'aws configure set aws_secret_access_key [REDACTED aws-secret-key]',
  },
  {
    typed: (s) => `curl -u deploy:${s} https://api.example.com/v1`,
    stored: 'curl -u deploy:[REDACTED curl-password] https://api.example.com/v1',
  },
  {
    typed: (s) => `curl --user deploy:${s} https://api.example.com/v1`,
    stored: 'curl --user deploy:[REDACTED curl-password] https://api.example.com/v1',
  },
  { typed: (s) => `mysql -p${s}`, stored: 'mysql -p[REDACTED mysql-password]' },
  {
    typed: (s) => `mysql -u root -p${s} shop`,
    stored: 'mysql -u root -p[REDACTED mysql-password] shop',
  },
  {
    typed: (s) => `sshpass -p ${s} ssh backup@host`,
    stored: 'sshpass -p [REDACTED sshpass-password] ssh backup@host',
  },
  {
    typed: (s) => `sshpass -p${s} ssh backup@host`,
    stored: 'sshpass -p[REDACTED sshpass-password] ssh backup@host',
  },
];

const WAYS = ['command', 'response', 'stdin-command', 'stdin-response', 'bash'] as const;

/** A value unique to one form and way, 40 letters and digits (the shape of an AWS secret
 * key, so the aws form matches too), built at run time like every secret in the tests. */
function secret(form: number, way: (typeof WAYS)[number]): string {
  return `Sx${form}q${WAYS.indexOf(way)}Z`.padEnd(40, 'k');
}

/** Every byte of every file under `dir` (cache, WAL, shared memory, sqld's own files). */
function treeBytes(dir: string): { files: string[]; text: string } {
  const files: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) files.push(path);
    }
  };
  walk(dir);
  return { files, text: files.map((file) => readFileSync(file).toString('latin1')).join('\n') };
}

test('every new secret form is redacted on every way in, in the cache and on the server', async (t) => {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  const home = tempHome(t);

  for (const [i, form] of FORMS.entries()) {
    const args = [
      'record',
      `--command=${form.typed(secret(i, 'command'))}`,
      `--response=${form.typed(secret(i, 'response'))}`,
    ];
    const recorded = await runCli(args, { home });
    assert.equal(recorded.code, 0, recorded.stderr);
    assert.match(recorded.stderr, /replaced secrets \(.+\) with markers in 1 entry/);
  }
  const ndjson = FORMS.map((form, i) =>
    JSON.stringify({
      command: form.typed(secret(i, 'stdin-command')),
      response: form.typed(secret(i, 'stdin-response')),
    }),
  ).join('\n');
  const bulk = await runCli(['record', '--stdin'], { home, input: ndjson });
  assert.equal(bulk.code, 0, bulk.stderr);

  // Outside the home, so its clear text is not part of the bytes checked below. Dated in the
  // past: untimed lines are placed before the file's time, away from the recorded entries.
  const historyFile = join(tempHome(t, 'mcp-bash-'), '.bash_history');
  writeFileSync(historyFile, FORMS.map((form, i) => form.typed(secret(i, 'bash'))).join('\n'));
  utimesSync(historyFile, new Date('2020-01-01'), new Date('2020-01-01'));
  const imported = await runCli(['import', 'bash', historyFile], { home });
  assert.equal(imported.code, 0, imported.stderr);

  const listed = await runCli(['search', '--json', '--limit', '1000'], { home });
  const entries = JSON.parse(listed.stdout) as { command: string; response: string | null }[];
  const expected = FORMS.flatMap((form) => [
    `${form.stored} => ${form.stored}`,
    `${form.stored} => ${form.stored}`,
    `${form.stored} => null`,
  ]);
  assert.deepEqual(
    entries.map((entry) => `${entry.command} => ${entry.response}`).sort(),
    expected.sort(),
  );

  const synced = await runCli(['sync'], { home, env: { TURSO_DATABASE_URL: sqld.url } });
  assert.equal(synced.code, 0, synced.stderr);
  const client = createClient({ url: sqld.url });
  t.after(() => client.close());
  const rows = (await client.execute('SELECT * FROM history')).rows;
  assert.equal(rows.length, FORMS.length * 3);

  const cache = treeBytes(home);
  assert.ok(existsSync(join(home, 'cache.db')) && cache.files.includes(join(home, 'cache.db')));
  // The server's rows are somewhere in its files (data or WAL): the check below would pass
  // vacuously if they were not written yet.
  const server = await waitFor('the synced rows in the sqld files', () => {
    const bytes = treeBytes(sqld.dataDir);
    return bytes.text.includes(FORMS[0]!.stored) ? bytes : null;
  });
  assert.ok(cache.text.includes(FORMS[0]!.stored));
  for (const [i] of FORMS.entries()) {
    for (const way of WAYS) {
      const value = secret(i, way);
      assert.ok(!cache.text.includes(value), `form ${i} via ${way}: in ${cache.files.join(', ')}`);
      assert.ok(!server.text.includes(value), `form ${i} via ${way}: in the sqld files`);
      assert.ok(!JSON.stringify(rows).includes(value), `form ${i} via ${way}: in a server row`);
    }
  }
});
