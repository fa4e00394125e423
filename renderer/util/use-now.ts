/** The current time, refreshed every `intervalMs`, for ages that tick ("5 minutes ago"). */
import { useEffect, useState } from 'react';

/** Re-render every `intervalMs` with a fresh `Date.now()`. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
