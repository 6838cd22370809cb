/**
 * Counts in sentences: "1 entry", "2 entries", "1,234 conflicts". One helper, so every
 * message says it the same way.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}
