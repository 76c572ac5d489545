import { analyticsAggregator } from "./analytics";
import { coordinatorAgent } from "./coordinator-agent";
import { feedbackAnalyst } from "./feedback-analyst";
import { inventorAgent } from "./inventor-agent";
import { inventoryAgent } from "./inventory-agent";
import { notifier } from "./notifier";
import { integrationsWorker } from "./integrations";
import { telegramBotWorker } from "./telegram-bot";
import { orderProcessor } from "./order-processor";
import { outboxRelay } from "./outbox-relay";
import { paymentWatcher } from "./payment-watcher";
import { schedulerAgent } from "./scheduler-agent";
import { socialAgent } from "./social-agent";
import { tasksAgent } from "./tasks-agent";
import { tastingAgent } from "./tasting-agent";
import type { WorkerDefinition } from "./runtime";
import { tradingDesk } from "./trading";

/** Every worker process, by name. `npm run workers` starts them all; `npm run workers -- <name>` one. */
export const WORKERS: readonly WorkerDefinition[] = [outboxRelay, orderProcessor, paymentWatcher, analyticsAggregator, inventoryAgent, notifier, integrationsWorker, telegramBotWorker, tradingDesk, schedulerAgent, feedbackAnalyst, coordinatorAgent, tasksAgent, inventorAgent, tastingAgent, socialAgent];

export function findWorker(name: string): WorkerDefinition | undefined {
  return WORKERS.find((w) => w.name === name);
}
