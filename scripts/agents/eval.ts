// `npm run agents:eval`: the agents' scenarios on the rules path and against the AI SDK's mock
// model replaying scripted answers; prints a table and exits 1 if any scenario fails.
import { evalAssistant } from "@/lib/agents/eval/assistant";
import { evalCoordinator } from "@/lib/agents/eval/coordinator";
import { accuracyLine, evalFeedback } from "@/lib/agents/eval/feedback";
import { evalInventory, evalTable, failures } from "@/lib/agents/eval/inventory";
import { evalInventor } from "@/lib/agents/eval/inventor";
import { accuracyTable, evalScheduler } from "@/lib/agents/eval/scheduler";
import { evalSocial } from "@/lib/agents/eval/social";

const scheduler = await evalScheduler();
const feedback = await evalFeedback();
const cases = [...(await evalInventory()), ...(await evalCoordinator()), ...(await evalAssistant()), ...scheduler.cases, ...feedback.cases, ...(await evalInventor()), ...(await evalSocial())];
process.stdout.write(`${evalTable(cases)}\n\n${accuracyTable(scheduler.accuracy)}\n\n${accuracyLine(feedback.accuracy)}\n`);
for (const c of cases.filter((c) => !c.passed && c.graded === "accuracy")) process.stdout.write(`miss ${c.agent} ${c.path} / ${c.scenario}: ${c.detail}\n`);
const failed = failures(cases);
for (const c of failed) process.stdout.write(`FAILED ${c.agent} ${c.path} / ${c.scenario}: ${c.detail}\n`);
process.exit(failed.length > 0 ? 1 : 0);
