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
};

export const BUILTIN_SECRET_RULES: readonly SecretRule[] = [
  {
    name: 'private-key',
    pattern:
      /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
  },
  { name: 'aws-access-key', pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g },
  {
    name: 'aws-secret-key',
    pattern: /(aws_secret_access_key\s*[=:]\s*["']?)[A-Za-z0-9/+=]{40}/gi,
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
    name: 'password',
    pattern:
      /(\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|auth)\s*[=:]\s*)(?!\[REDACTED)("[^"\n]*"|'[^'\n]*'|[^\s&;'"]+)/gi,
    keep: true,
  },
  {
    name: 'password-flag',
    pattern:
      /(\s--?(?:password|passwd|token|api-key|secret)(?:=|\s+))(?!\[REDACTED)(?!-)("[^"\n]*"|'[^'\n]*'|\S+)/gi,
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
      rule.pattern.lastIndex = 0;
      const next = out.replace(rule.pattern, (...match: unknown[]) => {
        const kept = rule.keep ? String(match[1] ?? '') : '';
        return `${kept}${marker(rule.name)}`;
      });
      if (next !== out) {
        found.push(rule.name);
        out = next;
      }
    }
    return { text: out, found };
  }
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
