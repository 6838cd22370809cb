/**
 * Which hosts never leave this computer, and the warning for a token sent in clear to one
 * that does. Pure: a host name is judged by its text, never resolved (a name other than
 * `localhost` could point anywhere, so it counts as remote).
 */

const IPV4_LOOPBACK =
  /^127\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)\.(25[0-5]|2[0-4]\d|1?\d?\d)$/;
/** `::1` in its short and long spellings. */
const IPV6_LOOPBACK = /^(::1|(0{1,4}:){7}0{0,3}1|(0{1,4}:){1,6}:0{0,3}1)$/;

/** True for localhost, 127.0.0.0/8 and ::1 (brackets and a trailing dot allowed). */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
  return bare === 'localhost' || IPV4_LOOPBACK.test(bare) || IPV6_LOOPBACK.test(bare);
}

/**
 * One warning line when `url` is plain http:// or ws:// to a host off this computer and a
 * token would go with it (the auth token, or an authToken in the URL itself); else null.
 * The line names scheme, host and port only: never the token, the query or user info.
 */
export function plainTextTokenWarning(url: string | null, token: string | null): string | null {
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'ws:') return null;
  const hasToken = token !== null || parsed.searchParams.has('authToken');
  if (!hasToken || isLoopbackHost(parsed.hostname)) return null;
  return `warning: the auth token is sent unencrypted to ${parsed.protocol}//${parsed.host} (anyone on the network path can read and reuse it); use an https:// or libsql:// URL for a server that is not on this computer`;
}
