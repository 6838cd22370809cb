/**
 * Copying to the system clipboard through the tool the desktop provides. Which tool is
 * decided from the environment (and MCP_TERMINAL_CLIPBOARD overrides it); when there is
 * none, the caller says so instead of pretending.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type ClipboardCommand = { readonly program: string; readonly args: readonly string[] };
export type CopyResult =
  { readonly ok: true; readonly via: string } | { readonly ok: false; readonly reason: string };
export type Copier = (text: string) => Promise<CopyResult>;

type Env = Readonly<Record<string, string | undefined>>;

function onPath(program: string, env: Env): boolean {
  return (env['PATH'] ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && existsSync(join(dir, program)));
}

/** The clipboard tool to use here, or null when this machine has none. */
export function findClipboard(
  env: Env,
  platform: NodeJS.Platform = process.platform,
): ClipboardCommand | null {
  const custom = env['MCP_TERMINAL_CLIPBOARD']?.trim();
  if (custom) {
    const [program, ...args] = custom.split(/\s+/);
    return program === undefined ? null : { program, args };
  }
  const candidates: ClipboardCommand[] = [];
  if (platform === 'darwin') candidates.push({ program: 'pbcopy', args: [] });
  if (env['WAYLAND_DISPLAY']) candidates.push({ program: 'wl-copy', args: [] });
  if (env['DISPLAY']) {
    candidates.push({ program: 'xclip', args: ['-selection', 'clipboard'] });
    candidates.push({ program: 'xsel', args: ['--clipboard', '--input'] });
  }
  if (env['WSL_DISTRO_NAME']) candidates.push({ program: 'clip.exe', args: [] });
  return candidates.find((c) => onPath(c.program, env)) ?? null;
}

/** A copier for this environment: runs the tool with the text on its stdin. */
export function systemCopier(env: Env): Copier {
  return (text) => {
    const tool = findClipboard(env);
    if (tool === null) {
      return Promise.resolve({
        ok: false,
        reason:
          'no clipboard here (no pbcopy, wl-copy, xclip or xsel); Tab prints it on exit instead',
      });
    }
    return new Promise((resolve) => {
      const child = spawn(tool.program, tool.args, {
        stdio: ['pipe', 'ignore', 'ignore'],
        env: { ...env },
      });
      child.on('error', (error) =>
        resolve({ ok: false, reason: `${tool.program}: ${error.message}` }),
      );
      child.on('close', (code) =>
        resolve(
          code === 0
            ? { ok: true, via: tool.program }
            : { ok: false, reason: `${tool.program} exited with ${code}` },
        ),
      );
      child.stdin.end(text);
    });
  };
}
