/**
 * Secrets typed by mistake never reach the cache file or the server (real files, real sqld).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { createClient } from '@libsql/client/http';
import { runCli } from '../helpers/run-cli.js';
import { startSqld } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';

// Built at run time: the repository holds no token-shaped strings.
const TOKEN = `ghp_${'Z9'.repeat(18)}`;

function homeWith(t: TestContext, config: object): string {
  const home = tempHome(t);
  writeFileSync(join(home, 'config.json'), JSON.stringify(config), { mode: 0o600 });
  return home;
}

/** Every byte of the home's files (cache, WAL, shared memory) as latin1 text. */
function homeBytes(home: string): string {
  return readdirSync(home)
    .map((name) => readFileSync(join(home, name)).toString('latin1'))
    .join('\n');
}

test('by default a token is replaced by a marker in the cache and on the server', async (t) => {
  const sqld = await startSqld();
  t.after(() => sqld.dispose());
  const home = tempHome(t);
  const env = { TURSO_DATABASE_URL: sqld.url };
  const recorded = await runCli(
    [
      'record',
      '--command',
      `git clone https://${TOKEN}@github.com/me/app`,
      '--response',
      `export GITHUB_TOKEN=${TOKEN}`,
    ],
    { home, env },
  );
  assert.equal(recorded.code, 0, recorded.stderr);
  assert.match(recorded.stderr, /replaced secrets \(github-token\) with markers in 1 entry/);
  const found = await runCli(['search', 'clone', '--json'], { home });
  const [entry] = JSON.parse(found.stdout) as { command: string; response: string }[];
  assert.equal(entry?.command, 'git clone https://[REDACTED github-token]@github.com/me/app');
  assert.equal(entry?.response, 'export GITHUB_TOKEN=[REDACTED github-token]');
  assert.equal((await runCli(['sync'], { home, env })).code, 0);
  assert.ok(!homeBytes(home).includes(TOKEN), 'not in the cache files');
  const client = createClient({ url: sqld.url });
  t.after(() => client.close());
  const rows = (await client.execute('SELECT * FROM history')).rows;
  assert.equal(rows.length, 1);
  assert.ok(!JSON.stringify(rows).includes(TOKEN), 'not on the server');
});

test('secrets.mode "skip" leaves such entries out; "off" keeps them as typed', async (t) => {
  const skip = homeWith(t, { secrets: { mode: 'skip' } });
  const input = [
    JSON.stringify({ command: 'ls' }),
    JSON.stringify({ command: `curl -H "Authorization: Bearer ${TOKEN}" api` }),
  ].join('\n');
  const bulk = await runCli(['record', '--stdin'], { home: skip, input });
  assert.equal(bulk.code, 0);
  assert.equal(bulk.stdout.trim().split('\n').length, 1, 'one uuid: the entry without a secret');
  assert.match(bulk.stderr, /left out 1 entry holding secrets \(github-token\)/);
  const single = await runCli(['record', '--command', `echo ${TOKEN}`], { home: skip });
  assert.deepEqual([single.code, single.stdout], [0, '']);
  assert.ok(!homeBytes(skip).includes(TOKEN));

  const off = homeWith(t, { secrets: { mode: 'off' } });
  assert.equal((await runCli(['record', '--command', `echo ${TOKEN}`], { home: off })).code, 0);
  const found = await runCli(['search', '--json'], { home: off });
  assert.equal((JSON.parse(found.stdout) as { command: string }[])[0]?.command, `echo ${TOKEN}`);
});

test('custom patterns are secrets too; a bad pattern is a config error naming it', async (t) => {
  const home = homeWith(t, { secrets: { patterns: ['corp-[0-9a-f]{8}'] } });
  assert.equal(
    (await runCli(['record', '--command', 'vpn login corp-deadbeef'], { home })).code,
    0,
  );
  const found = await runCli(['search', '--json'], { home });
  assert.equal(
    (JSON.parse(found.stdout) as { command: string }[])[0]?.command,
    'vpn login [REDACTED custom-1]',
  );
  // An update goes through the same filter.
  const uuid = (JSON.parse(found.stdout) as { uuid: string }[])[0]!.uuid;
  assert.equal(
    (await runCli(['update', uuid, '--response', 'key corp-0badf00d'], { home })).code,
    0,
  );
  const updated = await runCli(['search', '--json'], { home });
  assert.equal(
    (JSON.parse(updated.stdout) as { response: string }[])[0]?.response,
    'key [REDACTED custom-1]',
  );

  const bad = homeWith(t, { secrets: { patterns: ['corp-[0-9'] } });
  const result = await runCli(['record', '--command', 'ls'], { home: bad });
  assert.equal(result.code, 2);
  assert.match(
    result.stderr,
    /secrets\.patterns\.0: got "corp-\[0-9", expected a JavaScript regular expression/,
  );
  assert.equal(result.stderr.trim().split('\n').length, 1);
});
