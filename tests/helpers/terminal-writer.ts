// A program writing a megabyte to its terminal the way the TUI writes frames, while the
// terminal reads nothing. argv: mode marker
//   "queue": writes without blocking, says so in `marker`, then writes END and ends normally
//   "now":   writes without blocking, says so in `marker`, then writes RESTORED at once, as
//            the TUI does on a signal, and exits
import { writeFileSync } from 'node:fs';
import { writeNow, writeWithoutBlocking } from '../../source/ui/terminal-output.js';

const [mode, marker] = process.argv.slice(2) as [string, string];
if (!writeWithoutBlocking(process.stdout)) {
  process.stderr.write('stdout is not a terminal\n');
  process.exit(2);
}
const LINES = 60_000;
for (let i = 0; i < LINES; i++) process.stdout.write(`line-${String(i).padStart(6, '0')}\n`);
// Reached only if none of the writes waited for the terminal.
writeFileSync(marker, 'written');
if (mode === 'now') {
  writeNow(process.stdout, 'RESTORED\n');
  process.exit(0);
}
process.stdout.write('END\n');
