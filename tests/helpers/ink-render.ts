/**
 * ink-testing-library's render in a terminal of a chosen size. Its stdout is always 100
 * columns and has no rows, so the size is set on that stdout and announced as a terminal
 * does (a resize event): every frame after the first is drawn to it. Keys written to
 * `stdin` arrive as one read each, as from a terminal, a paste or ssh.
 */
import type { ReactElement } from 'react';
import { render } from 'ink-testing-library';

export type TerminalSize = { readonly columns: number; readonly rows: number };

export function renderSized(tree: ReactElement, size: TerminalSize) {
  const view = render(tree);
  Object.defineProperty(view.stdout, 'columns', { value: size.columns, configurable: true });
  Object.defineProperty(view.stdout, 'rows', { value: size.rows, configurable: true });
  Object.defineProperty(view.stdout, 'isTTY', { value: true, configurable: true });
  view.stdout.emit('resize');
  return {
    ...view,
    /** Whether Ink still reads keys: it stops when the app exits. */
    isReadingKeys: () => view.stdin.listenerCount('readable') > 0,
  };
}
