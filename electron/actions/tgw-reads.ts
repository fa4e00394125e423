/** The EC2 reads that make re-running a transit gateway step harmless: an attachment's state, the
 * live attachment of a VPC to a gateway, the attachments a tag marks, an attachment's association
 * and propagations as the gateway owner sees them.
 */
import {
  DescribeTransitGatewayVpcAttachmentsCommand,
  GetTransitGatewayAttachmentPropagationsCommand,
  DescribeTransitGatewayAttachmentsCommand,
  type EC2Client,
  type Filter,
  type TransitGatewayVpcAttachment,
} from '@aws-sdk/client-ec2';

import { actionErrorCode } from './action-errors';

/** A VPC attachment as one account sees it. */
export interface AttachmentView {
  readonly id: string;
  readonly state: string;
  readonly vpcId?: string;
  readonly transitGatewayId?: string;
  readonly tags?: Readonly<Record<string, string>>;
}

/** States in which an attachment is gone or going: it holds no place and carries nothing. */
export const GONE_ATTACHMENT_STATES: readonly string[] = ['deleting', 'deleted', 'failing', 'failed', 'rejecting', 'rejected'];

function toView(a: TransitGatewayVpcAttachment): AttachmentView | undefined {
  if (!a.TransitGatewayAttachmentId || !a.State) return undefined;
  return {
    id: a.TransitGatewayAttachmentId,
    state: a.State,
    ...(a.VpcId ? { vpcId: a.VpcId } : {}),
    ...(a.TransitGatewayId ? { transitGatewayId: a.TransitGatewayId } : {}),
    ...(a.Tags?.length ? { tags: Object.fromEntries(a.Tags.filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? ''])) } : {}),
  };
}

const isNotFound = (e: unknown) => /^InvalidTransitGatewayAttachmentID\.(NotFound|Malformed)$/.test(actionErrorCode(e));

async function listVpcAttachments(client: EC2Client, input: { ids?: string[]; filters?: Filter[] }, abortSignal?: AbortSignal): Promise<AttachmentView[]> {
  const found: AttachmentView[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(
      new DescribeTransitGatewayVpcAttachmentsCommand({
        ...(input.ids ? { TransitGatewayAttachmentIds: input.ids } : {}),
        ...(input.filters ? { Filters: input.filters } : {}),
        ...(token ? { NextToken: token } : {}),
      }),
      abortSignal ? { abortSignal } : {},
    );
    for (const a of out.TransitGatewayVpcAttachments ?? []) {
      const v = toView(a);
      if (v) found.push(v);
    }
    token = out.NextToken;
  } while (token);
  return found;
}

/** The VPC attachment `id` as the client's account sees it; undefined when it does not. */
export async function describeAttachment(client: EC2Client, id: string, abortSignal?: AbortSignal): Promise<AttachmentView | undefined> {
  try {
    return (await listVpcAttachments(client, { ids: [id] }, abortSignal)).find((a) => a.id === id);
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** The attachment of `vpcId` to `transitGatewayId` that is not gone, if any (AWS allows one). Filtered here again. */
export async function findLiveAttachment(client: EC2Client, vpcId: string, transitGatewayId: string, abortSignal?: AbortSignal): Promise<AttachmentView | undefined> {
  const all = await listVpcAttachments(
    client,
    {
      filters: [
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'transit-gateway-id', Values: [transitGatewayId] },
      ],
    },
    abortSignal,
  );
  return all.find((a) => a.vpcId === vpcId && a.transitGatewayId === transitGatewayId && !GONE_ATTACHMENT_STATES.includes(a.state));
}

/** The VPC attachments (any state) tagged `key` = `value` that the client's account sees. */
export async function findAttachmentsByTag(client: EC2Client, key: string, value: string, abortSignal?: AbortSignal): Promise<AttachmentView[]> {
  const all = await listVpcAttachments(client, { filters: [{ Name: `tag:${key}`, Values: [value] }] }, abortSignal);
  return all.filter((a) => a.tags?.[key] === value);
}

/** The route table an attachment is associated with (and the association's state), as the gateway owner sees it. */
export async function attachmentAssociation(client: EC2Client, id: string, abortSignal?: AbortSignal): Promise<{ routeTableId: string; state: string } | undefined> {
  try {
    const out = await client.send(new DescribeTransitGatewayAttachmentsCommand({ TransitGatewayAttachmentIds: [id] }), abortSignal ? { abortSignal } : {});
    const a = out.TransitGatewayAttachments?.find((x) => x.TransitGatewayAttachmentId === id);
    const assoc = a?.Association;
    return assoc?.TransitGatewayRouteTableId ? { routeTableId: assoc.TransitGatewayRouteTableId, state: assoc.State ?? 'associated' } : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** The route tables an attachment propagates to (enabled or enabling), as the gateway owner sees them. */
export async function attachmentPropagations(client: EC2Client, id: string, abortSignal?: AbortSignal): Promise<string[]> {
  const found: string[] = [];
  let token: string | undefined;
  try {
    do {
      const out = await client.send(new GetTransitGatewayAttachmentPropagationsCommand({ TransitGatewayAttachmentId: id, ...(token ? { NextToken: token } : {}) }), abortSignal ? { abortSignal } : {});
      for (const p of out.TransitGatewayAttachmentPropagations ?? []) {
        if (p.TransitGatewayRouteTableId && (p.State === 'enabled' || p.State === 'enabling')) found.push(p.TransitGatewayRouteTableId);
      }
      token = out.NextToken;
    } while (token);
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
  return found;
}
