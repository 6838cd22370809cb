// A separate process running BackgroundSync on a home, as a TUI would; it records `count`
// entries and prints every worker event as a JSON line with the owner and a timestamp.
import { BackgroundSync, LocalCache, loadConfig } from '../../dist/index.js';

const [count] = process.argv.slice(2);
const config = loadConfig({ env: process.env });
const cache = LocalCache.open(config.cachePath);
const sync = new BackgroundSync({ config });
const owner = `${process.pid}`;
for (const type of ['progress', 'synced', 'busy', 'error']) {
  sync.on(type, (event) =>
    process.stdout.write(
      `${JSON.stringify({ owner, at: performance.timeOrigin + performance.now(), ...event })}\n`,
    ),
  );
}
sync.start();
for (let i = 0; i < Number(count); i++) cache.record({ command: `from ${owner} #${i}` });
cache.close();
sync.notifyWrite();
process.stdin.on('data', async () => {
  await sync.stop();
  process.stdout.write('{"stopped":true}\n');
  process.exit(0);
});
