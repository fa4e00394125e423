/** Discovery's public surface: scan profiles and regions into a `Snapshot`, and keep snapshots on disk.
 *
 * A plain library with injected dependencies (no Electron): the main API, the CLI and tests call
 * the same functions.
 */
export {
  runDiscovery,
  DEFAULT_RUN_LIMITS,
  type DiscoveryDeps,
  type DiscoveryLimits,
  type DiscoveryRequest,
} from './run-discovery';
export {
  createCallScheduler,
  DEFAULT_CALL_LIMITS,
  type CallLimits,
  type CallScheduler,
  type SchedulerStats,
} from '../aws/call-scheduler';
export { createDiscoveryRuns, type DiscoveryRuns, type StartedRun } from './discovery-runs';
export { completedSlices, keepEarlierData, replaceSlices, sliceKey, type Slice } from './merge-slices';
export { createSnapshotStore, SNAPSHOT_FILE_NAME, type SnapshotStore } from './snapshot-store';
export { rememberedOrganizationRequests, rememberedRequest, rememberOrganizationRequest, rememberRequest } from './discovery-choices';
export { listProfiles, resolveConfigPaths, ENVIRONMENT_PROFILE } from '../aws/profiles';
export { SCAN_ACTIONS, type ScanAction } from './scan-region';
export { closeSharedScanPools, DEFAULT_SCAN_THREADS, defaultScanWorkerEntry, type ScanWorkerEntry } from './scan-pool';
export type { CellCost, CellRequest } from './scan-cell';
