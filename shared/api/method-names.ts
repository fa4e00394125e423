/** The names of every API method and event, free of zod so the preload bundle stays tiny.
 *
 * `contract.ts` checks with `satisfies` that these lists and the contract never drift apart.
 */

/** Every method the UI may call, in the order the contract declares them. */
export const API_METHOD_NAMES = [
  'getAppInfo',
  'listProfiles',
  'getWorkspace',
  'startDiscovery',
  'rememberOrganization',
  'cancelDiscovery',
  'readOrganization',
  'startSandbox',
  'resetSandbox',
  'importSnapshot',
  'exportSnapshot',
  'savePositions',
  'resetPositions',
  'exportDiagram',
  'planPeering',
  'planDeletion',
  'planAttachment',
  'planAttachmentDeletion',
  'planRejection',
  'planCompletion',
  'planPathFix',
  'getPeeringChecklist',
  'getStaleLeftovers',
  'planStaleCleanup',
  'getPlanCli',
  'dryRunPlan',
  'runPlan',
  'resumePlan',
  'cancelPlanRun',
  'getPlanRun',
  'listRuns',
  'discardRun',
  'acceptPeering',
  'rejectPeering',
  'deletePeering',
  'listAudit',
  'exportAudit',
] as const;
/** A method name. */
export type ApiMethodName = (typeof API_METHOD_NAMES)[number];

/** Every event the Node side pushes. */
export const API_EVENT_NAMES = ['discoveryProgressed', 'snapshotUpdated', 'auditAppended', 'planProgressed', 'updatesChanged'] as const;
/** An event name. */
export type ApiEventName = (typeof API_EVENT_NAMES)[number];

/** The IPC channel of a method (`peerscape:<method>`). */
export function methodChannel(name: ApiMethodName): string {
  return `peerscape:${name}`;
}

/** The IPC channel of an event (`peerscape-event:<event>`). */
export function eventChannel(name: ApiEventName): string {
  return `peerscape-event:${name}`;
}
