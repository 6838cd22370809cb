/**
 * The TUI's writes never wait for the terminal (source/ui/terminal-output.ts). A program
 * in a real pseudo-terminal (util-linux `script`) writes a megabyte while the test reads
 * none of it: it must get past its writes, which a blocking write never does once the
 * terminal's buffers are full. Then, reading again: a normal end delivers every line in
 * order; an immediate restore (a signal) comes at once, after a prefix of the lines.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { spawnOwned } from '../helpers/reaper.js';
import { tempHome } from '../helpers/temp-home.js';
import { waitFor } from '../helpers/wait-for.js';

const WRITER = join(import.meta.dirname, '../helpers/terminal-writer.ts');
const LINES = 60_000;

async function runUnread(t: Parameters<typeof tempHome>[0], mode: 'queue' | 'now') {
  const marker = join(tempHome(t), 'written');
  const command = `${process.execPath} --import tsx ${WRITER} ${mode} ${marker}`;
  const child = spawnOwned('script', ['-qfec', command, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  t.after(() => child.kill('SIGKILL'));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // Nothing is read from the terminal until the writer says it got past its writes.
  await waitFor('the writer to get past a megabyte of unread writes', () => existsSync(marker), {
    timeoutMs: 30_000,
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  assert.equal(await exited, 0);
  return Buffer.concat(chunks).toString('utf8').replace(/\r/g, '');
}

function numbered(count: number): string {
  return Array.from({ length: count }, (_, i) => `line-${String(i).padStart(6, '0')}\n`).join('');
}

test('writes queue while the terminal reads nothing, and arrive in order', async (t) => {
  const output = await runUnread(t, 'queue');
  assert.equal(output, `${numbered(LINES)}END\n`);
});

test('an immediate restore is written at once, after what the terminal had taken', async (t) => {
  const output = await runUnread(t, 'now');
  const restore = output.lastIndexOf('RESTORED\n');
  assert.equal(restore + 'RESTORED\n'.length, output.length, 'the restore comes last');
  // Writes were still queued, so one may have been cut: CAN ends it before the restore.
  assert.equal(output[restore - 1], '\u0018', 'CAN before the restore');
  const before = output.slice(0, restore - 1);
  assert.ok(numbered(LINES).startsWith(before.slice(0, before.lastIndexOf('\n') + 1)));
  assert.ok(before.length < numbered(LINES).length, 'queued lines were dropped, not waited for');
});
