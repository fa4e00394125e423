import { buildTgwEstate } from './tgw-bench-estate';
import { analyzeSnapshot } from '../../shared/analysis/findings';
import type { Snapshot } from '../../shared/model/snapshot';
const json = JSON.stringify(buildTgwEstate());
for (let r = 0; r < 3; r++) { const s = JSON.parse(json) as Snapshot; const c = process.cpuUsage(); analyzeSnapshot(s); const u = process.cpuUsage(c); console.log('analyze cpu', ((u.user + u.system) / 1000).toFixed(0)); }
