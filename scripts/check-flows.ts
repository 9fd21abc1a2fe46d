/**
 * npm run check:flows [-- <dir>]: validates the IVR flows without starting the server.
 * Prints every problem as "file: step "id": reason" and exits 1 when there is any.
 */
import path from 'node:path';
import { checkFlows, formatProblem } from '../src/channels/voice/flows/load-flows';
import { checkOutboundFlow } from '../src/channels/voice/outbound/outbound-flow';

const dir = path.resolve(process.argv[2] ?? process.env.IVR_FLOWS_DIR ?? './ivr-flows');
const { flows, problems } = checkFlows(dir);
if (!flows) {
  console.error(`IVR flows in ${dir} are not valid:`);
  for (const p of problems) console.error(`  ${formatProblem(p)}`);
  process.exit(1);
}
const outbound = checkOutboundFlow(dir, flows);
if (!outbound.flow) {
  console.error(`The campaign call flow in ${dir} is not valid:`);
  for (const p of outbound.problems) console.error(`  ${formatProblem(p)}`);
  process.exit(1);
}
const prompts = Object.entries(flows.locales).map(([l, p]) => `${l}: ${Object.keys(p.prompts).length} prompts`).join(', ');
console.log(`IVR flows OK: ${dir} (${flows.steps.size} steps, start "${flows.start}"; campaign call ${outbound.flow.steps.size} steps; ${prompts})`);
