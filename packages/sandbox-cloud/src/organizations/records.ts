/** AWS Organizations' state: one organisation with its root, OUs and accounts (plain JSON, saved
 * with the world). The sandbox serves it read-only; a scenario's `organization` makes it. */

/** An account as Organizations knows it. */
export interface OrgAccountRec {
  id: string;
  name: string;
  email: string;
  status: 'ACTIVE' | 'SUSPENDED';
  joinedMethod: 'INVITED' | 'CREATED';
  /** Epoch ms. */
  joinedAt: number;
  /** A root's or an OU's id. */
  parentId: string;
}

/** An organisational unit. */
export interface OrgUnitRec {
  id: string;
  name: string;
  parentId: string;
}

/** The organisation. */
export interface OrganizationRec {
  id: string;
  managementAccountId: string;
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
  rootId: string;
  /** Member accounts that may list the organisation as the management account does. */
  delegatedAdministrators: string[];
  /** Every Nth page of a listing with more to come is empty (0: never). */
  emptyPageEvery: number;
  ous: OrgUnitRec[];
  accounts: OrgAccountRec[];
}
