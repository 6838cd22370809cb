// A separate OS process that writes to a cache through the built library, as another
// terminal would. argv: cachePath mode count
//   mode "single": `count` record() calls, one transaction each
//   mode "bulk":   recordMany() chunks of 500 until killed; prints "chunk" after each
import { LocalCache } from '../../dist/index.js';

const [cachePath, mode, countText] = process.argv.slice(2);
const cache = LocalCache.open(cachePath);
if (mode === 'single') {
  for (let i = 0; i < Number(countText); i++) {
    cache.record({ command: `echo ${process.pid} ${i}`, sessionId: String(process.pid) });
  }
  cache.close();
  process.stdout.write('done\n');
} else {
  for (let chunk = 0; ; chunk++) {
    const entries = Array.from({ length: 500 }, (_, i) => ({ command: `bulk ${chunk} ${i}` }));
    cache.recordMany(entries);
    process.stdout.write('chunk\n');
  }
}
