/** Account frames: one per account that holds a shown VPC or transit gateway hub. */
import { accountLabel, findAccount } from '../../../export/labels';
import type { AccountId } from '../../../model/ids';
import type { Account } from '../../../model/topology';
import { accountBoxId } from '../../layout';
import type { BoxScene, SceneBoxBase } from '../kind';
import { resolveBoxStyle } from '../kind';

/** An account frame. */
export interface SceneAccount extends SceneBoxBase {
  readonly kind: 'account';
  /** The snapshot's record of the account, when it has one. */
  readonly account?: Account;
  /** False when every VPC of the account is known only from a peering and no scan of it listed a gateway it owns (a placeholder frame). */
  readonly scanned: boolean;
}

/** Height of an account frame's title band. */
export const ACCOUNT_TITLE_HEIGHT = 34;

export const accountScene: BoxScene<SceneAccount> = {
  keepOff: { titleBand: ACCOUNT_TITLE_HEIGHT },
  boxes: ({ doc, theme, hue, shownFrames }) => {
    // Frame ids back to what they stand for (ids are made from names that may hold any character).
    const owners = doc.topology.transitGateways.map((g) => g.accountId);
    const accountOf = new Map<string, AccountId>([...doc.accountIds, ...owners].map((id) => [accountBoxId(id), id]));
    // A gateway owner is scanned when a scan of it listed one of its gateways.
    const scannedOwners = new Set(doc.topology.transitGateways.filter((g) => !(g.routing.state === 'unread' && g.routing.reason === 'owner-not-scanned')).map((g) => g.accountId));
    return (b, place) => {
      if (!shownFrames.has(b.id)) return undefined;
      const accountId = accountOf.get(b.id);
      if (!accountId) return undefined;
      const h = hue(accountId);
      const account = findAccount(doc, accountId);
      const scanned = scannedOwners.has(accountId) || doc.topology.vpcs.some((v) => v.accountId === accountId && !doc.externalVpcIds.has(v.id));
      return { kind: 'account', ...place, accountId, hue: h, style: resolveBoxStyle('account', theme, h), ...(account ? { account } : {}), scanned };
    };
  },
};

/** An account frame's title in file formats that have one label per box: `Account name (id)`. */
export function accountFrameLabel(box: SceneAccount): string {
  return `Account ${accountLabel(box.account, box.accountId)}`;
}
