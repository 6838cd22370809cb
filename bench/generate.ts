/**
 * Deterministic, realistic-looking history for benchmarks: shell commands and assistant
 * prompts with a long tail of arguments, several machines and sessions, real-ish lengths.
 */

/** Small fast PRNG (mulberry32) so every run generates the same history. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOOLS = [
  'git status',
  'git diff',
  'git log --oneline',
  'git commit -m',
  'git push origin',
  'git checkout -b',
  'npm test',
  'npm run build',
  'npm install',
  'npm run lint',
  'npx tsc --noEmit',
  'node dist/cli.js',
  'docker ps -a',
  'docker compose up -d',
  'docker logs -f',
  'kubectl get pods -n',
  'kubectl describe pod',
  'ls -la',
  'cd',
  'cat',
  'grep -rn',
  'find . -name',
  'rg --files',
  'tail -f /var/log/syslog',
  'ssh',
  'cargo build --release',
  'cargo test',
  'python3 -m pytest',
  'pip install',
  'make',
  'curl -sS',
  'explain this error',
  'write a test for',
  'refactor the function',
  'why does the build fail in',
];
const WORDS = [
  'src',
  'main',
  'feature',
  'auth',
  'sync',
  'cache',
  'index.ts',
  'README.md',
  'api',
  'worker',
  'db',
  'config.json',
  'tests',
  'deploy',
  'staging',
  'prod',
  'user',
  'session',
  'fix',
  'bench',
  'ui',
  'core',
];

export type GeneratedEntry = {
  command: string;
  response: string;
  session: string;
  cwd: string;
  timestamp: number;
  tokens: number;
};

/** `count` entries over `distinct` different command texts (others repeat them). */
export function* generateHistory(
  count: number,
  distinct: number,
  seed = 42,
): Generator<GeneratedEntry> {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const commands: string[] = [];
  for (let i = 0; i < distinct; i++) {
    const args = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(WORDS));
    commands.push(`${pick(TOOLS)} ${args.join('/')}${random() < 0.5 ? ` ${i}` : ''}`);
  }
  const start = 1_600_000_000_000;
  for (let i = 0; i < count; i++) {
    // Zipf-like reuse: a few commands very often, a long tail rarely.
    const index = Math.floor(distinct * random() ** 3);
    yield {
      command: commands[index] as string,
      response: `output of step ${i}: ${pick(WORDS)} ${pick(WORDS)} ok`,
      session: `session-${Math.floor(i / 200)}`,
      cwd: `/home/dev/${pick(WORDS)}`,
      timestamp: start + i * 1000,
      tokens: Math.floor(random() * 2000),
    };
  }
}
