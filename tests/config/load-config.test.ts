import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { configWarnings, loadConfig } from '../../source/config/load-config.js';
import { McpError } from '../../source/core/errors.js';
import { tempHome } from '../helpers/temp-home.js';

function configError(fn: () => unknown): McpError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof McpError);
    return error;
  }
  assert.fail('expected a config error');
}

test('no file: every field has its embedded default', (t) => {
  const home = tempHome(t);
  const config = loadConfig({ env: { MCP_TERMINAL_HOME: home } });
  assert.equal(config.fromFile, false);
  assert.equal(config.cachePath, join(home, 'cache.db'));
  assert.deepEqual(config.sync, {
    enabled: true,
    interval: 30000,
    batch_size: 100,
    retry_attempts: 3,
    offline_mode: 'auto',
  });
  assert.deepEqual(config.remote, { url: null, auth_token: null });
});

test('the example file parses to the defaults', (t) => {
  const home = tempHome(t);
  writeFileSync(join(home, 'config.json'), readFileSync('config.example.json'));
  const config = loadConfig({ env: { MCP_TERMINAL_HOME: home } });
  assert.equal(config.fromFile, true);
  assert.equal(config.sync.interval, 30000);
});

test('file, then env, then flags: later sources win', (t) => {
  const home = tempHome(t);
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({
      sync: { batch_size: 50 },
      remote: { url: 'http://file:1', auth_token: 'file-token' },
    }),
  );
  const config = loadConfig({
    env: {
      MCP_TERMINAL_HOME: home,
      TURSO_DATABASE_URL: 'libsql://env.example',
      TURSO_AUTH_TOKEN: 'env-token',
    },
    flags: { sync: { offline_mode: 'always' } },
  });
  assert.equal(config.sync.batch_size, 50);
  assert.equal(config.sync.offline_mode, 'always');
  assert.equal(config.sync.interval, 30000);
  assert.deepEqual(config.remote, { url: 'libsql://env.example', auth_token: 'env-token' });
});

test('every bad path gets its own line with the value and what was expected', (t) => {
  const home = tempHome(t);
  writeFileSync(
    join(home, 'config.json'),
    JSON.stringify({
      sync: { interval: -5, offline_mode: 'sometimes', enabled: 'yes', colour: 1 },
    }),
  );
  const error = configError(() => loadConfig({ env: { MCP_TERMINAL_HOME: home } }));
  assert.equal(error.code, 'CONFIG_INVALID');
  const lines = error.message.split('\n');
  assert.equal(lines.length, 4, error.message);
  const text = error.message;
  assert.match(text, /sync\.interval: got -5, expected a whole number from 1000 to 86400000/);
  assert.match(
    text,
    /sync\.offline_mode: got "sometimes", expected one of "auto", "always", "never"/,
  );
  assert.match(text, /sync\.enabled: got "yes", expected true or false/);
  assert.match(text, /sync\.colour: unknown setting/);
  for (const line of lines) assert.ok(line.startsWith(join(home, 'config.json')));
});

test('invalid JSON is one clear error naming the file', (t) => {
  const home = tempHome(t);
  writeFileSync(join(home, 'config.json'), '{ "sync": ');
  const error = configError(() => loadConfig({ env: { MCP_TERMINAL_HOME: home } }));
  assert.equal(error.code, 'CONFIG_INVALID');
  assert.match(error.message, /config\.json: not valid JSON/);
  assert.equal(error.message.split('\n').length, 1);
});

test('a malformed token is never echoed back', (t) => {
  const home = tempHome(t);
  writeFileSync(join(home, 'config.json'), JSON.stringify({ remote: { auth_token: 12345678 } }));
  const error = configError(() => loadConfig({ env: { MCP_TERMINAL_HOME: home } }));
  assert.match(error.message, /remote\.auth_token: got \(hidden\)/);
  assert.ok(!error.message.includes('12345678'));
});

test('a bad URL from the environment is reported like a file one', (t) => {
  const home = tempHome(t);
  const error = configError(() =>
    loadConfig({ env: { MCP_TERMINAL_HOME: home, TURSO_DATABASE_URL: 'ftp://x' } }),
  );
  assert.match(error.message, /remote\.url: got "ftp:\/\/x", expected null or a libsql:\/\//);
});

test('a token in a file readable by others gets a warning', (t) => {
  const home = tempHome(t);
  const path = join(home, 'config.json');
  writeFileSync(path, JSON.stringify({ remote: { auth_token: 'secret-token' } }));
  chmodSync(path, 0o644);
  const warnings = configWarnings(loadConfig({ env: { MCP_TERMINAL_HOME: home } }));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /chmod 600/);
  assert.ok(!warnings[0]!.includes('secret-token'));
  chmodSync(path, 0o600);
  assert.deepEqual(configWarnings(loadConfig({ env: { MCP_TERMINAL_HOME: home } })), []);
});
