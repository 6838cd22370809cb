/**
 * What a failure of the server or the network means, said as an McpError code (AUTH_FAILED,
 * REMOTE_UNREACHABLE, SYNC_FAILED) and one line a person can act on, with the token never
 * in it.
 */
import { McpError, type ErrorCode } from '../core/errors.js';
import { MAX_SEQ } from './remote-schema.js';

/** Keeps secrets out of any text that may be shown or logged. */
export function redact(text: string, secret: string | null): string {
  let out = text.replace(/(authToken=)[^&\s]+/gi, '$1***');
  if (secret) out = out.split(secret).join('***');
  return out;
}

/** Turns a client error into an McpError whose code says what kind of failure it was. */
export function classifyRemoteError(error: unknown, secret: string | null): McpError {
  if (error instanceof McpError) return error;
  const err = error as { message?: string; code?: string; name?: string; cause?: unknown };
  const message = redact(String(err.message ?? error), secret);
  let code: ErrorCode = 'SYNC_FAILED';
  // Turso answers 404 for a token of another database (and for a database that does not
  // exist): either way the URL and token do not go together, which a person must fix.
  const wrongDatabase = /HTTP status 404\b/.test(message);
  if (wrongDatabase || /HTTP status 40[13]\b|unauthori[sz]ed|invalid token|jwt/i.test(message)) {
    code = 'AUTH_FAILED';
  } else if (
    err.name === 'TypeError' ||
    err.name === 'TimeoutError' ||
    err.name === 'AbortError' ||
    /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up|HTTP status 50[234]\b/i.test(
      message,
    )
  ) {
    code = 'REMOTE_UNREACHABLE';
  }
  if (/NOT NULL constraint failed: history\.seq/.test(message)) {
    return new McpError(
      'SYNC_FAILED',
      `the server's change numbers have reached the end of their range (${MAX_SEQ}), most likely through a row written there by hand; new changes cannot be numbered. Find it with: SELECT command_uuid, seq FROM history ORDER BY seq DESC LIMIT 5, and renumber or delete it`,
      { cause: error },
    );
  }
  const what = wrongDatabase
    ? 'the server has no database at this URL for this token (HTTP 404); check that TURSO_DATABASE_URL and TURSO_AUTH_TOKEN belong to the same database'
    : code === 'AUTH_FAILED'
      ? 'the server refused the auth token; check TURSO_AUTH_TOKEN or remote.auth_token'
      : code === 'REMOTE_UNREACHABLE'
        ? 'cannot reach the server'
        : 'the server failed the request';
  return new McpError(code, `${what} (${message.slice(0, 300)})`, { cause: error });
}
