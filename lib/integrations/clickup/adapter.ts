import type { Adapter, Failure } from "../adapter";
import { ClickUpError, clickUpClient, type ClickUpClient } from "./client";
import { assigneeChange, taskFields, type ClickUpConfig, type ClickUpMessage, type ClickUpSecrets } from "./mapping";

export type ClickUpAdapter = Adapter<ClickUpConfig, ClickUpMessage> & { client: ClickUpClient };

/** The stored credential is the token and the webhook's secret together (one encrypted JSON). */
export function parseSecrets(credential: string): ClickUpSecrets {
  const parsed = JSON.parse(credential) as Partial<ClickUpSecrets>;
  if (typeof parsed.token !== "string" || typeof parsed.webhookSecret !== "string") throw new Error("stored ClickUp credential is not what we stored");
  return { token: parsed.token, webhookSecret: parsed.webhookSecret };
}

export function classifyClickUp(error: unknown): Failure {
  if (error instanceof ClickUpError) {
    if (error.status === 401) return { kind: "credential", reason: `ClickUp did not accept the API token (${error.code ?? "401"}: ${error.message}). Connect again with a valid personal token (pk_…).` };
    if (error.status === 429) return { kind: "transient", reason: "ClickUp is rate limiting (429)", retryAfterMs: error.retryAfterMs ?? 60_000 };
    if (error.status === 0 || error.status >= 500 || error.status === 408) return { kind: "transient", reason: error.status ? `ClickUp answered HTTP ${error.status}` : error.message };
    return { kind: "permanent", reason: `ClickUp refused it (HTTP ${error.status}${error.code ? `, ${error.code}` : ""}: ${error.message})` };
  }
  return { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
}

/**
 * Sends our tasks to a ClickUp list: the first delivery of a task creates it (its ClickUp id is
 * the delivery's external ref), later ones update that task (the engine hands the first one's
 * ref over as `afterRef`, since an update is sent `after` the creation). The task's owner is its
 * ClickUp assignee when their confirmed address is a member of the workspace (mapping.ts).
 */
export function clickUpAdapter(apiUrl: string, opts: { timeoutMs?: number } = {}): ClickUpAdapter {
  const client = clickUpClient(apiUrl, opts);
  return {
    client,
    async verify(credential, config) {
      try {
        const list = await client.getList(parseSecrets(credential).token, config.listId);
        return { ok: true, label: list.name };
      } catch (error) {
        return { ok: false, reason: classifyClickUp(error).reason };
      }
    },
    async send(credential, config, message) {
      const { token } = parseSecrets(credential);
      if (message.kind === "test") {
        const made = await client.createTask(token, config.listId, { name: message.text, markdownDescription: "A test from Go Coffee: delete it.", status: config.statuses.OPEN, dueDate: Date.now() });
        return made.id;
      }
      // Members are read only when someone is to be assigned or unassigned.
      const assignees = message.assignee || message.previousAssignee ? assigneeChange(message, await client.getMembers(token, config.teamId)) : { add: [], rem: [] };
      if (message.after) {
        if (!message.afterRef) throw new ClickUpError(404, null, "the task was never made in ClickUp");
        return (await client.updateTask(token, message.afterRef, taskFields(message, config.statuses), assignees)).id;
      }
      return (await client.createTask(token, config.listId, taskFields(message, config.statuses), assignees.add)).id;
    },
    classify: classifyClickUp,
  };
}
