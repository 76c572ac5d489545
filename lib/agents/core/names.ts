/** The agents' names as managers read them (runs, proposals, tasks). */
const AGENT_NAMES: Record<string, string> = { inventory: "Inventory manager", scheduler: "Scheduler", feedback: "Feedback analyst", coordinator: "Inter-location coordinator", tasks: "Task manager", inventor: "Beverage inventor", tasting: "Tasting coordinator", social: "Social media" };

export function agentName(agent: string): string {
  return AGENT_NAMES[agent] ?? agent;
}
