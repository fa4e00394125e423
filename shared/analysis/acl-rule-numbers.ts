/** Where a new network ACL entry goes: the one choice of rule number the explainer's fix and the path-fix plan share. */

/** The highest rule number a customer entry may have (32767 is the `*` entry). */
export const MAX_ACL_RULE_NUMBER = 32766;

/**
 * A free rule number below `below` (the deny the new entry must come before): the next ten above
 * the highest entry under it when that is free, else the highest free number under it;
 * `undefined` when none is.
 */
export function freeRuleNumber(used: ReadonlySet<number>, below: number): number | undefined {
  const limit = Math.min(below - 1, MAX_ACL_RULE_NUMBER);
  const under = [...used].filter((n) => n <= limit);
  const highest = under.length > 0 ? Math.max(...under) : 0;
  const tidy = (Math.floor(highest / 10) + 1) * 10;
  if (tidy <= limit && !used.has(tidy)) return tidy;
  for (let n = limit; n >= 1; n--) if (!used.has(n)) return n;
  return undefined;
}
