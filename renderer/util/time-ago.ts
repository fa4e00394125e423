/** Times as the window shows them: the one wording of times (shared/words/time-words.ts), in the window's language and time zone. */
import { localTime, relativeTime } from '../../shared/words/time-words';

/** How long ago (or ahead) `iso` is, relative to `now`: "3 minutes ago", "in 6 days"; `undefined` for an unreadable time. */
export function timeAgo(iso: string, now: number = Date.now()): string | undefined {
  return relativeTime(iso, { now });
}

/** `iso` as a local date and time: "7 Dec 2026, 14:05:12"; the text itself when it does not parse. */
export function shownTime(iso: string, opts: { seconds?: boolean } = {}): string {
  return localTime(iso, opts) ?? iso;
}
