/** What a diagram calls an account and a peering: the canvas and every exported file use these words. */
import type { Account, Peering } from '../model/topology';

/**
 * An account's name: its alias, else the first local profile that acts in it (the name people
 * use for it when it has no alias); undefined when it has neither, and only its id names it.
 */
export function accountName(account: Pick<Account, 'alias' | 'profiles'> | undefined): string | undefined {
  return account?.alias || account?.profiles[0] || undefined;
}

/** A peering's title: its Name tag without surrounding white space (as a VPC's), else `id` (its pcx id unless a caller shortens it). */
export function peeringTitle(peering: Pick<Peering, 'id' | 'name'>, id: string = peering.id): string {
  return peering.name?.trim() || id;
}
