/** The one wording of times: relative to now ("3 minutes ago", "in 6 days") and absolute, in the reader's locale.
 *
 * Built on `Intl.RelativeTimeFormat` and `Intl.DateTimeFormat`. Peerscape speaks English, so
 * relative times are English words (a German reader would otherwise get "vor 3 Minuten" inside
 * an English sentence); dates and times follow the reader's locale (day and month order, 24-hour
 * clock, digits: the runtime's when none is given, the window's language in the app and the
 * terminal's in the CLI) and are in the local time zone unless one is given. Every time shown to
 * a person goes through here; machine formats (ISO in files) do not.
 */

/** Who reads the time, and when. */
export interface TimeContext {
  /** Epoch milliseconds to measure from. */
  readonly now: number;
  /** BCP 47 locale(s) of dates and times; default: the runtime's. */
  readonly locale?: string | readonly string[];
  /** IANA time zone of absolute times; default: the runtime's. */
  readonly timeZone?: string;
  /** Language of relative words; default: English, the language of every sentence around them. */
  readonly language?: string;
}

/** Where to switch to the next unit, as in everyday speech: 45 s is "1 minute", 22 h "1 day". */
const STEPS: readonly (readonly [Intl.RelativeTimeFormatUnit, number, number])[] = [
  // unit, its length in seconds, switch to the next unit from this many of it
  ['second', 1, 45],
  ['minute', 60, 45],
  ['hour', 3600, 22],
  ['day', 86_400, 26],
  ['month', 2_629_800, 11],
  ['year', 31_557_600, Infinity],
];

function parse(iso: string): number | undefined {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}

/** "3 minutes ago", "in 6 days", "now", "yesterday" (in `language`); `undefined` for a time that does not parse. */
export function relativeTime(iso: string, ctx: TimeContext): string | undefined {
  const then = parse(iso);
  if (then === undefined) return undefined;
  const seconds = (then - ctx.now) / 1000;
  const format = new Intl.RelativeTimeFormat(ctx.language ?? 'en', { numeric: 'auto' });
  if (Math.abs(seconds) < STEPS[0]![2]) return format.format(0, 'second');
  for (let i = 1; i < STEPS.length; i++) {
    const [unit, length, next] = STEPS[i]!;
    const count = Math.round(seconds / length);
    if (Math.abs(count) < next) return format.format(count, unit);
  }
  return format.format(Math.round(seconds / STEPS[STEPS.length - 1]![1]), 'year');
}

/** "7 Dec 2026, 14:05" (or with seconds) in the locale and time zone; `undefined` for a time that does not parse. */
export function localTime(iso: string, ctx: Omit<TimeContext, 'now'> & { readonly seconds?: boolean } = {}): string | undefined {
  const then = parse(iso);
  if (then === undefined) return undefined;
  return new Intl.DateTimeFormat(ctx.locale as string | string[] | undefined, {
    dateStyle: 'medium',
    timeStyle: ctx.seconds ? 'medium' : 'short',
    ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
  }).format(then);
}

/** "in 6 days (7 Dec 2026, 14:05)" with a clock, "on 7 Dec 2026, 14:05" without: for "expires …". */
export function whenWords(iso: string, ctx: Partial<TimeContext> = {}): string {
  const absolute = localTime(iso, ctx) ?? iso;
  if (ctx.now === undefined) return `on ${absolute}`;
  const relative = relativeTime(iso, { ...ctx, now: ctx.now });
  return relative ? `${relative} (${absolute})` : absolute;
}
