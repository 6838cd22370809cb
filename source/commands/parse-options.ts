/**
 * Argument parsing for every verb: node's util.parseArgs in strict mode (unknown options
 * and missing values are errors), turned into McpError('USAGE') lines that name the verb.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { McpError } from '../core/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseOptions<T extends Options>(
  verb: string,
  args: readonly string[],
  options: T,
  allowPositionals: boolean,
) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    const detail = (error as Error).message
      .replace(/\. To specify a positional.*$/s, '')
      .split('\n')[0];
    throw new McpError('USAGE', `${verb}: ${detail}; see: mcp-terminal ${verb} --help`, {
      cause: error,
    });
  }
}

/** A flag value that must be a whole number in [min, max]. */
export function parseWholeNumber(
  verb: string,
  flag: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new McpError(
      'USAGE',
      `${verb}: --${flag} expects a whole number from ${min} to ${max}, got "${text}"`,
    );
  }
  return value;
}

/** Exactly one positional argument named `what`. */
export function onePositional(verb: string, positionals: readonly string[], what: string): string {
  if (positionals.length !== 1 || positionals[0] === undefined || positionals[0] === '') {
    throw new McpError('USAGE', `${verb}: expects one ${what}; see: mcp-terminal ${verb} --help`);
  }
  return positionals[0];
}
