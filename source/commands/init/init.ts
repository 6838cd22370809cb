/**
 * `init bash|zsh|fish`: prints the shell integration snippet (see snippets.ts).
 */
import { didYouMean } from '../../core/did-you-mean.js';
import { McpError } from '../../core/errors.js';
import type { Command } from '../context.js';
import { parseOptions } from '../parse-options.js';
import { VERB_SPECS } from '../verb-specs.js';
import { SNIPPETS } from './snippets.js';

export const init: Command = async (args, context) => {
  const { positionals } = parseOptions('init', args, VERB_SPECS.init.options, true);
  const shell = positionals[0];
  if (positionals.length !== 1 || shell === undefined || !Object.hasOwn(SNIPPETS, shell)) {
    throw new McpError(
      'USAGE',
      positionals.length === 0
        ? 'init: expects a shell: bash, zsh or fish; see: mcp-terminal init --help'
        : `init: expects one of bash, zsh, fish, got "${positionals.join(' ').slice(0, 40)}"${didYouMean(shell ?? '', Object.keys(SNIPPETS))}; see: mcp-terminal init --help`,
    );
  }
  context.stdout.write(SNIPPETS[shell as keyof typeof SNIPPETS]);
  return 0;
};
