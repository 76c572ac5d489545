// `npm run agents:eval`: the agents' scenarios on the rules path and against the AI SDK's mock
// model replaying scripted answers; prints a table and exits 1 if any scenario fails.
import { evalAssistant } from "@/lib/agents/eval/assistant";
import { evalInventory, evalTable } from "@/lib/agents/eval/inventory";
import { accuracyTable, evalScheduler } from "@/lib/agents/eval/scheduler";

const scheduler = await evalScheduler();
const cases = [...(await evalInventory()), ...(await evalAssistant()), ...scheduler.cases];
process.stdout.write(`${evalTable(cases)}\n\n${accuracyTable(scheduler.accuracy)}\n`);
const failed = cases.filter((c) => !c.passed);
for (const c of failed) process.stdout.write(`FAILED ${c.agent} ${c.path} / ${c.scenario}: ${c.detail}\n`);
process.exit(failed.length > 0 ? 1 : 0);
