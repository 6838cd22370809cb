/**
 * What the TUI's keys do beyond moving around: print, copy, sync, resolve a conflict,
 * count the stats, delete an entry. Each reads the newest state from `latest` and applies
 * its own changes with `act` (state updated at once, then rendered), so the next key of the
 * same chunk sees them. Writes go through the TuiStore, never SQLite from here.
 */
import type { MutableRefObject } from 'react';
import type { HistoryEntry } from '../core/types.js';
import type { Copier } from './clipboard.js';
import type { HistorySource } from './data/history-source.js';
import type { SyncPort } from './data/sync-port.js';
import type { TuiStore } from './data/tui-store.js';
import type { AppAction, AppState } from './state/app-state.js';
import { sanitizeLine } from '../core/sanitize.js';
import { cutToWidth } from './text/display-width.js';

export type CommandContext = {
  readonly source: HistorySource;
  readonly store: TuiStore;
  readonly sync: SyncPort | null;
  readonly copy: Copier;
  readonly onAccept: (command: string) => void;
  readonly exit: () => void;
  readonly latest: MutableRefObject<AppState>;
  /** Updates `latest` and the app's state: for changes the keys after this one must see. */
  readonly act: (action: AppAction) => void;
  /** For answers that arrive later (they are rendered before any key reads them). */
  readonly dispatch: (action: AppAction) => void;
};

function summary(report: { uploaded: number; downloaded: number } | null): string {
  if (report === null) return 'another process of this machine is syncing; the badge follows it';
  return `synced: ${report.uploaded} up, ${report.downloaded} down`;
}

/** A command as a message can quote it: one line, at most 40 columns. */
function quoted(command: string): string {
  return `"${cutToWidth(sanitizeLine(command), 40)}"`;
}

export function appCommands(c: CommandContext) {
  const message = (text: string | null) => c.act({ type: 'message', text });

  const selected = (): HistoryEntry | undefined => {
    const s = c.latest.current;
    return s.view === 'detail' ? s.detail?.entry : s.list.entries[s.list.selected];
  };

  return {
    selected,

    print(): void {
      const entry = selected();
      if (entry === undefined) return message('nothing selected to print');
      c.onAccept(entry.command);
      c.exit();
    },

    copy(): void {
      const entry = selected();
      if (entry === undefined) return message('nothing selected to copy');
      void c.copy(entry.command).then((result) =>
        c.dispatch({
          type: 'message',
          text: result.ok ? `copied to the clipboard (${result.via})` : result.reason,
        }),
      );
    },

    sync(): void {
      const sync = c.sync;
      if (sync === null)
        return message(
          'no remote configured: set TURSO_DATABASE_URL or run mcp-terminal config init',
        );
      if (c.latest.current.badge.requested) return message('a sync is already running');
      c.act({ type: 'syncRequested' });
      sync.syncNow().then(
        (report) => c.dispatch({ type: 'syncEnded', message: summary(report) }),
        (error: unknown) =>
          c.dispatch({ type: 'syncEnded', message: `sync failed: ${(error as Error).message}` }),
      );
    },

    /** Closes the selected conflict: `flip` keeps the version that lost. */
    resolve(flip: boolean): void {
      const s = c.latest.current;
      const conflict = s.conflicts.items[s.conflicts.selected];
      if (conflict === undefined) return;
      const winner = conflict.loserSide === 'local' ? 'remote' : 'local';
      const keep = flip ? conflict.loserSide : winner;
      try {
        c.store.resolve(conflict.uuid, keep);
        c.sync?.notifyWrite();
        c.act({ type: 'openConflicts', items: c.store.conflicts() });
        message(`kept the ${keep} version of ${conflict.uuid}`);
      } catch (error) {
        message((error as Error).message);
      }
    },

    stats(): void {
      c.act({ type: 'openStats' });
      c.source.stats().then(
        (stats) => c.dispatch({ type: 'stats', stats }),
        (error: unknown) =>
          c.dispatch({ type: 'message', text: `stats failed: ${(error as Error).message}` }),
      );
    },

    /** The delete key: asks first (the status line says y/n). */
    askDelete(): void {
      const entry = selected();
      if (entry === undefined) return message('nothing selected to delete');
      c.act({ type: 'askDelete', entry });
    },

    /** The answer to askDelete: `yes` writes the tombstone that `mcp-terminal delete` writes. */
    answerDelete(yes: boolean): void {
      const entry = c.latest.current.confirmDelete;
      if (entry === null) return;
      if (!yes) return c.act({ type: 'keepEntry' });
      try {
        c.store.remove(entry.uuid);
        c.sync?.notifyWrite();
        const where = c.sync === null ? '' : '; other machines drop it when they sync';
        c.act({
          type: 'deleted',
          uuid: entry.uuid,
          message: `deleted ${quoted(entry.command)}${where}`,
        });
      } catch (error) {
        c.act({ type: 'keepEntry' });
        message(`not deleted: ${(error as Error).message}`);
      }
    },
  };
}

export type AppCommands = ReturnType<typeof appCommands>;
