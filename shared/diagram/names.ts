/** What a diagram calls an account and a peering: the canvas and every exported file use these words. */
import type { Account, Peering } from '../model/topology';

/**
 * An account's name: its Organizations name, else its IAM alias, else the first local profile
 * that acts in it (the name people use for it when it has neither); undefined when it has none
 * of them, and only its id names it.
 */
export function accountName(account: Pick<Account, 'name' | 'alias' | 'profiles'> | undefined): string | undefined {
  const name = account?.name?.trim() ? account.name : undefined;
  return name || account?.alias || account?.profiles[0] || undefined;
}

/** The names AWS gives an account, for fact lines: its Organizations name, then its IAM alias when it differs; empty when it has neither. */
export function accountAwsNames(account: Pick<Account, 'name' | 'alias'> | undefined): readonly string[] {
  const name = account?.name?.trim();
  const alias = account?.alias?.trim();
  return [...(name ? [name] : []), ...(alias && alias !== name ? [alias] : [])];
}

/** An OU path as people read it: the path (`Workloads/Production`), or `Root` for an account directly in the root. */
export function ouPathLabel(ouPath: string): string {
  return ouPath === '' ? 'Root' : ouPath;
}

/** A peering's title: its Name tag without surrounding white space (as a VPC's), else `id` (its pcx id unless a caller shortens it). */
export function peeringTitle(peering: Pick<Peering, 'id' | 'name'>, id: string = peering.id): string {
  return peering.name?.trim() || id;
}
