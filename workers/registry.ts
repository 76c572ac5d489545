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

/**
 * Workers that share one process when started by that name (`run.ts agents`). The agents are
 * mostly idle between batches and clocks, and a process of their own costs each a baseline of CPU
 * and memory whatever it does (docs/performance.md); a crash restarts the group, and each agent
 * keeps its own consumer group, so none skips or repeats an event because it restarted.
 */
export const WORKER_GROUPS: Readonly<Record<string, readonly string[]>> = {
  agents: [notifier, inventoryAgent, schedulerAgent, feedbackAnalyst, coordinatorAgent, tasksAgent, inventorAgent, tastingAgent, socialAgent].map((w) => w.name),
};

/**
 * The processes `npm run workers`, compose and Kubernetes run, in port order: the ordering path's
 * workers and the outward-facing ones each alone (a crash or a busy loop in one touches no other),
 * the agents together. Process N serves health and metrics on WORKER_HTTP_PORT + N.
 */
export const PROCESSES: readonly string[] = ["outbox-relay", "order-processor", "payment-watcher", "analytics", "agents", "integrations", "telegram-bot", "trading"];

/** Every name a process can be started with: each worker's and each group's. */
export const knownNames = (): string[] => [...WORKERS.map((w) => w.name), ...Object.keys(WORKER_GROUPS)];

/** A worker's or a group's name → the workers that process runs. */
export function workersNamed(name: string): readonly WorkerDefinition[] | undefined {
  const group = WORKER_GROUPS[name];
  if (group) return group.map((n) => findWorker(n)!);
  const one = findWorker(name);
  return one ? [one] : undefined;
}
