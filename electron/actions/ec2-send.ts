/** Send one EC2 call of a plan: its action's SDK command, from the step's typed input.
 *
 * A plan's inputs (`shared/planning/step-params.ts`) are plain data in the SDK's input shapes.
 * This file is where they meet the SDK's own types, and it does not compile when they drift
 * apart: a field the SDK's `*CommandInput` lacks (a misspelt or invented name) fails the check
 * below, naming the field, and a value of the wrong type fails where the command is built.
 */
import {
  CreateTransitGatewayVpcAttachmentCommand,
  AcceptTransitGatewayVpcAttachmentCommand,
  DeleteTransitGatewayVpcAttachmentCommand,
  AssociateTransitGatewayRouteTableCommand,
  DisassociateTransitGatewayRouteTableCommand,
  EnableTransitGatewayRouteTablePropagationCommand,
  DisableTransitGatewayRouteTablePropagationCommand,
  AcceptVpcPeeringConnectionCommand,
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateNetworkAclEntryCommand,
  CreateRouteCommand,
  CreateVpcPeeringConnectionCommand,
  DeleteNetworkAclEntryCommand,
  DeleteRouteCommand,
  DeleteVpcPeeringConnectionCommand,
  ModifyVpcPeeringConnectionOptionsCommand,
  RejectVpcPeeringConnectionCommand,
  ReplaceRouteCommand,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  type CreateTransitGatewayVpcAttachmentCommandInput,
  type AcceptTransitGatewayVpcAttachmentCommandInput,
  type DeleteTransitGatewayVpcAttachmentCommandInput,
  type AssociateTransitGatewayRouteTableCommandInput,
  type DisassociateTransitGatewayRouteTableCommandInput,
  type EnableTransitGatewayRouteTablePropagationCommandInput,
  type DisableTransitGatewayRouteTablePropagationCommandInput,
  type AcceptVpcPeeringConnectionCommandInput,
  type AuthorizeSecurityGroupEgressCommandInput,
  type AuthorizeSecurityGroupIngressCommandInput,
  type CreateNetworkAclEntryCommandInput,
  type CreateRouteCommandInput,
  type CreateVpcPeeringConnectionCommandInput,
  type DeleteNetworkAclEntryCommandInput,
  type DeleteRouteCommandInput,
  type DeleteVpcPeeringConnectionCommandInput,
  type EC2Client,
  type ModifyVpcPeeringConnectionOptionsCommandInput,
  type RejectVpcPeeringConnectionCommandInput,
  type ReplaceRouteCommandInput,
  type RevokeSecurityGroupEgressCommandInput,
  type RevokeSecurityGroupIngressCommandInput,
} from '@aws-sdk/client-ec2';

import type { Ec2ActionName, Ec2ActionParams, StepCallOf } from '../../shared/planning/step-params';

/** The SDK's input type of each action a plan calls. */
type SdkInputs = {
  readonly CreateVpcPeeringConnection: CreateVpcPeeringConnectionCommandInput;
  readonly AcceptVpcPeeringConnection: AcceptVpcPeeringConnectionCommandInput;
  readonly RejectVpcPeeringConnection: RejectVpcPeeringConnectionCommandInput;
  readonly DeleteVpcPeeringConnection: DeleteVpcPeeringConnectionCommandInput;
  readonly ModifyVpcPeeringConnectionOptions: ModifyVpcPeeringConnectionOptionsCommandInput;
  readonly CreateRoute: CreateRouteCommandInput;
  readonly ReplaceRoute: ReplaceRouteCommandInput;
  readonly DeleteRoute: DeleteRouteCommandInput;
  readonly AuthorizeSecurityGroupIngress: AuthorizeSecurityGroupIngressCommandInput;
  readonly RevokeSecurityGroupIngress: RevokeSecurityGroupIngressCommandInput;
  readonly AuthorizeSecurityGroupEgress: AuthorizeSecurityGroupEgressCommandInput;
  readonly RevokeSecurityGroupEgress: RevokeSecurityGroupEgressCommandInput;
  readonly CreateNetworkAclEntry: CreateNetworkAclEntryCommandInput;
  readonly DeleteNetworkAclEntry: DeleteNetworkAclEntryCommandInput;
  readonly CreateTransitGatewayVpcAttachment: CreateTransitGatewayVpcAttachmentCommandInput;
  readonly AcceptTransitGatewayVpcAttachment: AcceptTransitGatewayVpcAttachmentCommandInput;
  readonly DeleteTransitGatewayVpcAttachment: DeleteTransitGatewayVpcAttachmentCommandInput;
  readonly AssociateTransitGatewayRouteTable: AssociateTransitGatewayRouteTableCommandInput;
  readonly DisassociateTransitGatewayRouteTable: DisassociateTransitGatewayRouteTableCommandInput;
  readonly EnableTransitGatewayRouteTablePropagation: EnableTransitGatewayRouteTablePropagationCommandInput;
  readonly DisableTransitGatewayRouteTablePropagation: DisableTransitGatewayRouteTablePropagationCommandInput;
};

/** The fields of `P`, at any depth, that `I` does not have, as dotted paths (`never` when there are none). */
export type UnknownFields<P, I, Path extends string = ''> = P extends readonly (infer E)[]
  ? UnknownFields<E, NonNullable<I> extends readonly (infer F)[] ? F : never, Path>
  : P extends object
    ? { [K in keyof P & string]-?: K extends keyof NonNullable<I> ? UnknownFields<NonNullable<P[K]>, NonNullable<I>[K], `${Path}${K}.`> : `${Path}${K}` }[keyof P & string]
    : never;

/** Each field of a plan's input that the SDK's input lacks, as `Action.path.to.Field`. */
type UnknownInputFields = { [A in Ec2ActionName as `${A}.${UnknownFields<Ec2ActionParams[A], SdkInputs[A]>}`]: true };

// Fails to compile when a plan's input has a field the SDK's input lacks; the message names each one.
({}) satisfies UnknownInputFields;

/** `T` with every `readonly` removed, at any depth: the SDK's input types take mutable arrays. */
type Writable<T> = T extends readonly (infer E)[] ? Writable<E>[] : T extends object ? { -readonly [K in keyof T]: Writable<T[K]> } : T;

/** What the command for action `A` is built from: the plan's input, plus `DryRun` when checking. */
type SendInput<A extends Ec2ActionName> = Writable<Ec2ActionParams[A]> & { readonly DryRun?: boolean };

type Sent = { readonly $metadata?: { readonly requestId?: string } };
type Sender<A extends Ec2ActionName> = (client: EC2Client, input: SendInput<A>, options: { abortSignal?: AbortSignal }) => Promise<Sent>;

// Each line builds the SDK's command from the plan's input: a value of the wrong type fails here.
const SENDERS = {
  CreateVpcPeeringConnection: (c, input, o) => c.send(new CreateVpcPeeringConnectionCommand(input), o),
  AcceptVpcPeeringConnection: (c, input, o) => c.send(new AcceptVpcPeeringConnectionCommand(input), o),
  RejectVpcPeeringConnection: (c, input, o) => c.send(new RejectVpcPeeringConnectionCommand(input), o),
  DeleteVpcPeeringConnection: (c, input, o) => c.send(new DeleteVpcPeeringConnectionCommand(input), o),
  ModifyVpcPeeringConnectionOptions: (c, input, o) => c.send(new ModifyVpcPeeringConnectionOptionsCommand(input), o),
  CreateRoute: (c, input, o) => c.send(new CreateRouteCommand(input), o),
  ReplaceRoute: (c, input, o) => c.send(new ReplaceRouteCommand(input), o),
  DeleteRoute: (c, input, o) => c.send(new DeleteRouteCommand(input), o),
  AuthorizeSecurityGroupIngress: (c, input, o) => c.send(new AuthorizeSecurityGroupIngressCommand(input), o),
  RevokeSecurityGroupIngress: (c, input, o) => c.send(new RevokeSecurityGroupIngressCommand(input), o),
  AuthorizeSecurityGroupEgress: (c, input, o) => c.send(new AuthorizeSecurityGroupEgressCommand(input), o),
  RevokeSecurityGroupEgress: (c, input, o) => c.send(new RevokeSecurityGroupEgressCommand(input), o),
  CreateNetworkAclEntry: (c, input, o) => c.send(new CreateNetworkAclEntryCommand(input), o),
  DeleteNetworkAclEntry: (c, input, o) => c.send(new DeleteNetworkAclEntryCommand(input), o),
  CreateTransitGatewayVpcAttachment: (c, input, o) => c.send(new CreateTransitGatewayVpcAttachmentCommand(input), o),
  AcceptTransitGatewayVpcAttachment: (c, input, o) => c.send(new AcceptTransitGatewayVpcAttachmentCommand(input), o),
  DeleteTransitGatewayVpcAttachment: (c, input, o) => c.send(new DeleteTransitGatewayVpcAttachmentCommand(input), o),
  AssociateTransitGatewayRouteTable: (c, input, o) => c.send(new AssociateTransitGatewayRouteTableCommand(input), o),
  DisassociateTransitGatewayRouteTable: (c, input, o) => c.send(new DisassociateTransitGatewayRouteTableCommand(input), o),
  EnableTransitGatewayRouteTablePropagation: (c, input, o) => c.send(new EnableTransitGatewayRouteTablePropagationCommand(input), o),
  DisableTransitGatewayRouteTablePropagation: (c, input, o) => c.send(new DisableTransitGatewayRouteTablePropagationCommand(input), o),
} satisfies { readonly [A in Ec2ActionName]: Sender<A> };
const senders: { readonly [A in Ec2ActionName]: Sender<A> } = SENDERS;

/** The plan's input as the SDK's types take it: the same object (the SDK only reads it), seen without `readonly`. */
function writable<T>(value: T): Writable<T> {
  return value as Writable<T>;
}

/** What a mutating call answered: its request id and the output fields we read. */
export interface CallAnswer {
  readonly requestId?: string;
  readonly output: Record<string, unknown>;
}

/** Send one EC2 call (plus `DryRun` when asked). */
export async function sendEc2Action<A extends Ec2ActionName>(client: EC2Client, call: StepCallOf<A>, opts: { dryRun?: boolean; abortSignal?: AbortSignal } = {}): Promise<CallAnswer> {
  const send: Sender<A> = senders[call.action];
  const input: SendInput<A> = { ...writable(call.params), ...(opts.dryRun ? { DryRun: true } : {}) };
  const out = await send(client, input, opts.abortSignal ? { abortSignal: opts.abortSignal } : {});
  const { $metadata, ...rest } = out as Sent & Record<string, unknown>;
  return { ...($metadata?.requestId ? { requestId: $metadata.requestId } : {}), output: rest };
}
