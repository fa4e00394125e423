/** "Did you mean …?": the known names (flags, commands) closest to a mistyped one.
 *
 * One rule for every command and the dispatcher: a name is close when it is within a small edit
 * distance (a letter missing, extra, wrong, or two letters swapped; one edit per three letters,
 * at least one) or when what was typed is the start of it (`--snap` for `--snapshot`). Case is
 * ignored. The best distance wins; prefixes count as ties of it.
 */

/** Edits between `a` and `b`, counting a swap of two neighbouring letters as one (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The letters of a flag or command, without leading dashes, lower-cased. */
function core(name: string): string {
  return name.replace(/^-+/, '').toLowerCase();
}

/** The names in `known` closest to `given`, best first (at most `max`); empty when none is close. */
export function nearestNames(given: string, known: readonly string[], max = 2): string[] {
  const typed = core(given);
  if (typed === '') return [];
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  const scored = known
    .filter((name) => core(name) !== '')
    .map((name) => {
      const target = core(name);
      const distance = editDistance(typed, target);
      const isPrefix = typed.length >= 2 && target.startsWith(typed);
      return { name, distance: isPrefix ? Math.min(distance, allowed) : distance };
    })
    .filter((s) => s.distance <= allowed);
  if (scored.length === 0) return [];
  const best = Math.min(...scored.map((s) => s.distance));
  return scored.filter((s) => s.distance === best).slice(0, max).map((s) => s.name);
}

/** `; did you mean --a?` or `; did you mean --a or --b?`, or '' when nothing is close. */
export function didYouMean(given: string, known: readonly string[]): string {
  const near = nearestNames(given, known);
  return near.length === 0 ? '' : `; did you mean ${near.join(' or ')}?`;
}
