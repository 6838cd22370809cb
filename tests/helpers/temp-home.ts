/**
 * Temporary MCP_TERMINAL_HOME folders, removed when the test ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

export function tempHome(
  t: TestContext | { after: (fn: () => void) => void },
  prefix = 'mcp-home-',
): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
