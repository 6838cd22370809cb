/**
 * Secrets typed by mistake (a token pasted on a command line, a private key in a response)
 * are found before an entry is stored, so they never reach the cache or the server. Pure:
 * text in, text out.
 *
 * Each rule names what it found; a rule with a `keep` group keeps that part (the
 * `password=` of an assignment) and replaces the rest. A combined pre-check runs first, so
 * the common case (no secret) costs one regex scan.
 */

export type SecretRule = {
  /** Shown in the marker and in messages: "github-token". */
  readonly name: string;
  /** Global regex. With `keep`, group 1 is kept and the text after it is the secret. */
  readonly pattern: RegExp;
  readonly keep?: boolean;
  /**
   * Applied again while it finds more, up to MAX_PASSES: for a rule whose match runs from a
   * program name to one secret, so that a second secret in the same command needs another
   * pass (`curl -u a:b --proxy-user c:d`).
   */
  readonly repeat?: boolean;
};

/** Passes of a `repeat` rule: more secrets than this in one command is not a typo. */
const MAX_PASSES = 8;

/**
 * A value as the shell reads it: a command substitution or a quoted string whole (so
 * `$(echo s3cret)` leaves no word behind), else up to whitespace, `;` or `&`.
 */
const SHELL_VALUE = String.raw`(\$\([^)\n]*\)|\x60[^\x60\n]*\x60|"[^"\n]*"|'[^'\n]*'|[^\s&;'"]+)`;

/**
 * The rest of one command after `program`: quoted strings whole, stopping at a newline, `;`,
 * `|` or `&&` (a lone `&` may be part of a URL), so a rule tied to a program (mysql, curl)
 * never reaches the flags of the next command on the line. It also stops where `program`
 * matches again, so a match starting there covers the rest: without that, a text repeating
 * the name would be scanned to its end from each repeat (quadratic).
 */
function afterProgram(program: string): string {
  return String.raw`${program}(?:(?!${program})(?:"[^"\n]*"|'[^'\n]*'|[^\n;|&"']|&(?!&)))*?`;
}

const CURL = String.raw`\bcurl\b`;
const MYSQL_CLIENT = String.raw`\b(?:mysql\w*|mariadb[\w-]*)\b`;

/** curl's credential flags: -u, -U (proxy), glued after other short flags (-su), or long. */
const CURL_USER_FLAG = String.raw`(?:-[A-Za-z]*[uU]\s*|--(?:proxy-)?user(?:\s+|=))`;
/** The user and colon of a credential, quoted or bare: `"me:`, `'me:`, `me:`. */
const CURL_USER = String.raw`(?:"[^"\n:]*|'[^'\n:]*|[^\s:"']*):`;
/** The password after it: up to the closing quote when the flag's value opened one. */
const CURL_PASSWORD = String.raw`(?:(?<=${CURL_USER_FLAG}"[^"\n:]*:)[^"\n]+|(?<=${CURL_USER_FLAG}'[^'\n:]*:)[^'\n]+|[^\s"']+)`;

export const BUILTIN_SECRET_RULES: readonly SecretRule[] = [
  {
    name: 'private-key',
    pattern:
      /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  },
  { name: 'aws-access-key', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g },
  {
    // `KEY=…`, `key: …`, and `aws configure set aws_secret_access_key …` (space-separated).
    name: 'aws-secret-key',
    pattern:
      /(aws_(?:secret_access_key|session_token)(?:\s*[=:]\s*|\s+)["']?)[A-Za-z0-9/+=]{40,}/gi,
    keep: true,
  },
  {
    name: 'github-token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  },
  { name: 'gitlab-token', pattern: /\bgl(?:pat|dt|rt|ptt)-[A-Za-z0-9_-]{20,}/g },
  { name: 'slack-token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g },
  { name: 'slack-webhook', pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g },
  { name: 'stripe-key', pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { name: 'api-key', pattern: /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}/g },
  { name: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { name: 'bearer-token', pattern: /(\bBearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, keep: true },
  {
    name: 'url-password',
    pattern: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:)[^\s@/]+(?=@)/gi,
    keep: true,
  },
  {
    // An assignment whose name ends in a secret word: `password=…`, `token: …`, and env
    // variables such as PGPASSWORD, DB_PASSWORD, GITHUB_TOKEN, OPENAI_API_KEY, MYSQL_PWD,
    // SMTP_PASS, with or without `export`. The word must end the name (TOKEN_COUNT=3 is not
    // a secret); `pwd` must start it or follow an underscore (OLDPWD is a directory), `pass`
    // must follow one (SSH_ASKPASS is a program). The name is matched from the secret word
    // on, not from its start: a leading `\b\w*` made every scan three times slower.
    name: 'password',
    pattern: new RegExp(
      String.raw`((?:password|passwd|passphrase|token|secret|(?:api|access|secret|auth)[_-]?key|(?:\b|_)pwd|_pass|\bsshpass|\bauth)\s*[=:]\s*)(?!\[REDACTED)${SHELL_VALUE}`,
      'gi',
    ),
    keep: true,
  },
  {
    name: 'password-flag',
    pattern:
      /(\s--?(?:password|passwd|token|api-key|secret)(?:=|\s+))(?!\[REDACTED)(?!-)("[^"\n]*"|'[^'\n]*'|\S+)/gi,
    keep: true,
  },
  {
    // `curl -u user:pass`, `--user "user:pass"`: the user stays. Only for curl: docker's
    // `-u 1000:1000` and sudo's `-u user` are not credentials. `-u user` alone (curl asks
    // for the password) or `-u "$USER"` holds no secret. Case-sensitive: -U is the proxy's
    // -u. A match starts at `curl`, so a second credential needs another pass (repeat).
    name: 'curl-password',
    pattern: new RegExp(
      String.raw`(${afterProgram(CURL)}\s${CURL_USER_FLAG}${CURL_USER})(?!\[REDACTED)${CURL_PASSWORD}`,
      'g',
    ),
    keep: true,
    repeat: true,
  },
  {
    // `mysql -pSECRET`: the password glued to -p. Only after a MySQL/MariaDB client on the
    // same command: -p is a port, a parent flag or a publish flag elsewhere. `-p` followed
    // by a space asks for the password (the next word is the database). Case-sensitive:
    // -P is the port.
    name: 'mysql-password',
    pattern: new RegExp(
      String.raw`(${afterProgram(MYSQL_CLIENT)}\s-p)(?!\[REDACTED)${SHELL_VALUE}`,
      'g',
    ),
    keep: true,
  },
  {
    // `sshpass -p PASS ssh host`, `sshpass -pPASS`: only sshpass's own options may come
    // before -p, so the -p of the ssh it runs (a port) is left alone. Case-sensitive: -P
    // is the prompt.
    name: 'sshpass-password',
    pattern: new RegExp(
      String.raw`(\bsshpass(?:\s+-(?:[dfP]\s*\S+|[^dfPp\s]\S*))*\s+-p\s*)(?!\[REDACTED)${SHELL_VALUE}`,
      'g',
    ),
    keep: true,
  },
];

export const SECRET_MODES = ['redact', 'skip', 'off'] as const;
export type SecretMode = (typeof SECRET_MODES)[number];

export type SecretScan = {
  readonly text: string;
  /** Rule names that matched, in rule order, each once. */
  readonly found: readonly string[];
};

export function marker(name: string): string {
  return `[REDACTED ${name}]`;
}

/** Rules from config strings (already validated as regexes), named custom-1, custom-2… */
export function customRules(patterns: readonly string[]): SecretRule[] {
  return patterns.map((source, i) => ({
    name: `custom-${i + 1}`,
    pattern: new RegExp(source, 'g'),
  }));
}

export class SecretScanner {
  readonly #rules: readonly SecretRule[];
  readonly #any: RegExp;

  constructor(rules: readonly SecretRule[] = BUILTIN_SECRET_RULES) {
    this.#rules = rules;
    // One alternation of every rule: a text it does not match holds no secret.
    this.#any = new RegExp(rules.map((rule) => `(?:${rule.pattern.source})`).join('|'), 'i');
  }

  scan(text: string): SecretScan {
    if (!this.#any.test(text)) return { text, found: [] };
    const found: string[] = [];
    let out = text;
    for (const rule of this.#rules) {
      const before = out;
      for (let pass = 0; pass < (rule.repeat ? MAX_PASSES : 1); pass++) {
        const next = redact(rule, out);
        if (next === out) break;
        out = next;
      }
      if (out !== before) found.push(rule.name);
    }
    return { text: out, found };
  }
}

function redact(rule: SecretRule, text: string): string {
  rule.pattern.lastIndex = 0;
  return text.replace(rule.pattern, (...match: unknown[]) => {
    const kept = rule.keep ? String(match[1] ?? '') : '';
    return `${kept}${marker(rule.name)}`;
  });
}

/** What the write path does with secrets: the mode and the rules to look for. */
export type SecretPolicy = { readonly mode: SecretMode; readonly scanner: SecretScanner };

export const DEFAULT_SECRET_POLICY: SecretPolicy = { mode: 'redact', scanner: new SecretScanner() };

export function secretPolicy(mode: SecretMode, patterns: readonly string[] = []): SecretPolicy {
  return { mode, scanner: new SecretScanner([...BUILTIN_SECRET_RULES, ...customRules(patterns)]) };
}

type Scannable = {
  readonly command?: string;
  readonly response?: string | null | undefined;
  readonly status?: string | null | undefined;
};

/**
 * The entry as it may be stored: secrets replaced by markers (redact), or null when it held
 * one and the mode is skip. `found` names what was found either way.
 */
export function applySecretPolicy<T extends Scannable>(
  policy: SecretPolicy,
  entry: T,
): { readonly entry: T | null; readonly found: readonly string[] } {
  if (policy.mode === 'off') return { entry, found: [] };
  const found = new Set<string>();
  const clean = (text: string | null | undefined) => {
    if (typeof text !== 'string') return text;
    const scan = policy.scanner.scan(text);
    for (const name of scan.found) found.add(name);
    return scan.text;
  };
  const next = { ...entry };
  if (entry.command !== undefined)
    (next as { command?: string }).command = clean(entry.command) as string;
  if (entry.response !== undefined)
    (next as { response?: unknown }).response = clean(entry.response);
  if (entry.status !== undefined) (next as { status?: unknown }).status = clean(entry.status);
  if (found.size === 0) return { entry, found: [] };
  return { entry: policy.mode === 'skip' ? null : next, found: [...found] };
}
