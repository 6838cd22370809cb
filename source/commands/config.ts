/**
 * `config init` writes config.json from the example (mode 0600, never over an existing file
 * without --force); `config show` prints the merged configuration with the token hidden.
 */
import { didYouMean } from '../core/did-you-mean.js';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import example from '../../config.example.json' with { type: 'json' };
import { resolveHome } from '../config/load-config.js';
import { McpError } from '../core/errors.js';
import { loadCommandConfig, type Command } from './context.js';
import { displayUrl } from './format.js';
import { onePositional, parseOptions } from './parse-options.js';
import { VERB_SPECS } from './verb-specs.js';

function writeExample(home: string, force: boolean): string {
  const path = join(home, 'config.json');
  mkdirSync(home, { recursive: true, mode: 0o700 });
  const text = `${JSON.stringify(example, null, 2)}\n`;
  if (!force) {
    try {
      // 'wx' creates only if absent, atomically: two inits cannot both write.
      writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      throw new McpError(
        'CONFIG_EXISTS',
        `config init: ${path} already exists; use --force to overwrite it`,
      );
    }
    return path;
  }
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, path);
  return path;
}

export const config: Command = async (args, context) => {
  const { values, positionals } = parseOptions('config', args, VERB_SPECS.config.options, true);
  const action = onePositional('config', positionals, 'action (init or show)');
  if (action === 'init') {
    const path = writeExample(resolveHome(context.env), values.force === true);
    context.stdout.write(`${path}\n`);
    return 0;
  }
  if (action === 'show') {
    const loaded = loadCommandConfig(context);
    const shown = {
      home: loaded.home,
      file: loaded.fromFile ? loaded.configPath : null,
      sync: loaded.sync,
      remote: {
        url: displayUrl(loaded.remote.url),
        auth_token: loaded.remote.auth_token === null ? null : '(set, hidden)',
      },
    };
    context.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    return 0;
  }
  throw new McpError(
    'USAGE',
    `config: unknown action "${action.slice(0, 40)}"${didYouMean(action, ['init', 'show'])}; use init or show`,
  );
};
