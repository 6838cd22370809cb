/**
 * One error class for everything the program reports to a person. The code is a string
 * union (never an enum) so callers can switch on it; the CLI edge maps it to an exit code.
 */

export const ERROR_CODES = [
  'USAGE',
  'INPUT_INVALID',
  'CONFIG_INVALID',
  'CONFIG_EXISTS',
  'NOT_FOUND',
  'CACHE_NEWER_SCHEMA',
  'CACHE_UNAVAILABLE',
  'CACHE_CORRUPT',
  'REMOTE_UNREACHABLE',
  'AUTH_FAILED',
  'SCHEMA_MISMATCH',
  'SYNC_FAILED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class McpError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'McpError';
    this.code = code;
  }
}

/** Exit codes are part of the command-line contract: scripts test for them. */
export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  USAGE: 2,
  INPUT_INVALID: 2,
  CONFIG_INVALID: 2,
  CONFIG_EXISTS: 2,
  NOT_FOUND: 3,
  CACHE_NEWER_SCHEMA: 4,
  CACHE_UNAVAILABLE: 4,
  CACHE_CORRUPT: 4,
  REMOTE_UNREACHABLE: 5,
  SYNC_FAILED: 5,
  AUTH_FAILED: 6,
  SCHEMA_MISMATCH: 7,
  INTERNAL: 1,
};

/** An error code read back from storage, or null when the text is none of them. */
export function asErrorCode(text: string | null): ErrorCode | null {
  return ERROR_CODES.find((code) => code === text) ?? null;
}

export function isMcpError(error: unknown): error is McpError {
  return error instanceof McpError;
}
