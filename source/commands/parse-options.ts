/**
 * Argument parsing for every verb, from the verb's option table (verb-specs.ts): node's
 * util.parseArgs in strict mode (unknown options and missing values are errors), with two
 * changes people need:
 * - A value is taken as given: `--response "- item"`, `--command -h`, `--tokens -5` (refused
 *   later as a number, not as "ambiguous"). parseArgs refuses a separate value that starts
 *   with `-`, so `--name value` is joined into `--name=value` first for string options.
 * - An unknown option gets a did-you-mean from the table. `--` ends options.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../core/did-you-mean.js';
import { McpError } from '../core/errors.js';
import type { OptionSpec } from './verb-specs.js';

/** What parsing needs of an option table (help texts are for help.ts). */
export type OptionTable = Readonly<Record<string, Pick<OptionSpec, 'type' | 'short'>>>;

type NodeOptions = NonNullable<ParseArgsConfig['options']>;

/** Long names of the table's string options, by their short letter. */
function shortStringOptions(options: OptionTable): Map<string, string> {
  const shorts = new Map<string, string>();
  for (const [name, option] of Object.entries(options)) {
    if (option.short !== undefined && option.type === 'string') shorts.set(option.short, name);
  }
  return shorts;
}

/**
 * The arguments with every string option's value attached (`--name=value`), so that
 * parseArgs takes the value whatever it starts with. Everything from `--` on is kept as is.
 */
export function attachOptionValues(args: readonly string[], options: OptionTable): string[] {
  const shorts = shortStringOptions(options);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      out.push(...args.slice(i));
      break;
    }
    const long = /^--[^=]+$/.test(arg)
      ? arg.slice(2)
      : /^-[^-]$/.test(arg)
        ? shorts.get(arg.slice(1))
        : undefined;
    if (long !== undefined && options[long]?.type === 'string' && i + 1 < args.length) {
      out.push(`--${long}=${args[++i] as string}`);
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** Whether the arguments ask for help: `--help` or `-h` in an option's place (not a value). */
export function asksForHelp(args: readonly string[], options: OptionTable): boolean {
  for (const arg of attachOptionValues(args, options)) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

function forNode(options: OptionTable): NodeOptions {
  const out: NodeOptions = {};
  for (const [name, option] of Object.entries(options)) {
    out[name] = option.short ? { type: option.type, short: option.short } : { type: option.type };
  }
  return out;
}

function optionNames(options: OptionTable): string[] {
  return Object.keys(options).map((name) => `--${name}`);
}

function usageError(verb: string, error: unknown, options: OptionTable, positionals: boolean) {
  const code = (error as { code?: string }).code;
  const message = (error as Error).message;
  const named = /'(-[^']*)'/.exec(message)?.[1] ?? '';
  let detail = message.replace(/\. To specify a positional.*$/s, '').split('\n')[0] ?? message;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const flag = named.split('=')[0] ?? named;
    detail = `unknown option ${flag.slice(0, 40)}${didYouMean(flag, optionNames(options))}`;
    if (positionals && /^-[^-]/.test(flag))
      detail += ` (text that starts with -: put -- before it, as in: mcp-terminal ${verb} -- ${flag.slice(0, 40)})`;
  } else if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const word = /'([^']*)'/.exec(message)?.[1] ?? '';
    detail = `unexpected argument "${word.slice(0, 40)}"`;
  }
  return new McpError('USAGE', `${verb}: ${detail}; see: mcp-terminal ${verb} --help`, {
    cause: error,
  });
}

/** Parses `args` against the verb's option table; throws USAGE errors that name the verb. */
export function parseOptions<T extends OptionTable>(
  verb: string,
  args: readonly string[],
  options: T,
  allowPositionals: boolean,
) {
  let parsed;
  try {
    parsed = parseArgs({
      args: attachOptionValues(args, options),
      options: forNode(options) as { [K in keyof T]: { type: T[K]['type'] } },
      allowPositionals,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    throw usageError(verb, error, options, allowPositionals);
  }
  refuseRepeatedValues(verb, parsed.tokens, options);
  return parsed;
}

/** A value given twice (`--command ls --command pwd`) is a mistake, not "the last wins". */
function refuseRepeatedValues(
  verb: string,
  tokens: readonly { kind: string; name?: string }[],
  options: OptionTable,
) {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    if (options[token.name]?.type !== 'string') continue;
    if (seen.has(token.name))
      throw new McpError(
        'USAGE',
        `${verb}: --${token.name} is given more than once; give it once; see: mcp-terminal ${verb} --help`,
      );
    seen.add(token.name);
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
      `${verb}: --${flag} expects a whole number from ${min} to ${max}, got "${text.slice(0, 40)}"`,
    );
  }
  return value;
}

/** A flag value that, when given, must not be empty (`--cwd ''` is a slip, not "here"). */
export function nonEmpty(verb: string, flag: string, text: string | undefined): string | undefined {
  if (text === '')
    throw new McpError('USAGE', `${verb}: --${flag} is empty; give a value or leave it out`);
  return text;
}

/** Exactly one positional argument named `what`. */
export function onePositional(verb: string, positionals: readonly string[], what: string): string {
  if (positionals.length !== 1 || positionals[0] === undefined || positionals[0] === '') {
    throw new McpError('USAGE', `${verb}: expects one ${what}; see: mcp-terminal ${verb} --help`);
  }
  return positionals[0];
}
