/**
 * The one way a time is written for people: local time (the TZ of the process), as
 * "2026-12-02 06:31", with seconds or the UTC offset where they matter ("2026-12-02
 * 06:31:07 +01:00"). Scripts get epoch ms in --json instead. '?' when Date cannot hold the
 * value: one bad row must not stop a listing or the TUI.
 */
export type LocalTimeOptions = {
  /** Add ":ss". */
  readonly seconds?: boolean;
  /** Add the UTC offset of that moment in this zone ("+01:00", "-05:00", "+00:00"). */
  readonly zone?: boolean;
};

function two(value: number): string {
  return String(value).padStart(2, '0');
}

/** The zone offset of `date` as "+hh:mm". */
export function utcOffset(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

export function localTime(ms: number, options: LocalTimeOptions = {}): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '?';
  let text =
    `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ` +
    `${two(date.getHours())}:${two(date.getMinutes())}`;
  if (options.seconds) text += `:${two(date.getSeconds())}`;
  if (options.zone) text += ` ${utcOffset(date)}`;
  return text;
}

/** The local calendar day, "2026-12-02". */
export function localDay(ms: number): string {
  return localTime(ms).slice(0, 10);
}
