/** "5 min ago" for snapshot ages. */

/** How long ago `iso` was, relative to `now`, in words; `undefined` for an unreadable time. */
export function timeAgo(iso: string, now: number = Date.now()): string | undefined {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return undefined;
  const seconds = Math.round((now - then) / 1000);
  if (seconds < -60) return `in the future (${iso})`;
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  return `${days} days ago`;
}
