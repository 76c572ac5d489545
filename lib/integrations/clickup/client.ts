import { z } from "zod";
import { WEBHOOK_EVENTS } from "./mapping";

/**
 * A typed client for the few ClickUp API v2 calls we make (https://developer.clickup.com/reference).
 * ClickUp publishes no official JavaScript SDK and the community ones are unmaintained, so this is
 * fetch + zod over the documented wire format: the personal token in `Authorization` (no "Bearer"),
 * JSON bodies, errors as `{ err, ECODE }`. The base URL is configuration (CLICKUP_API_URL), which is
 * how tests point it at scripts/testing/fake-clickup.ts. No retries here: the delivery engine owns them.
 */

export class ClickUpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ClickUpError";
  }
}

const list = z.object({ id: z.string(), name: z.string(), statuses: z.array(z.object({ status: z.string(), type: z.string().optional() })).default([]) });
const task = z.object({ id: z.string(), name: z.string(), url: z.string().optional(), status: z.object({ status: z.string() }).optional() });
/** GET /task/{id}: a task as a person made it in ClickUp (due_date: Unix ms as a string, or null). */
const fullTask = z.object({
  id: z.string(),
  name: z.string(),
  text_content: z.string().nullish(),
  description: z.string().nullish(),
  due_date: z.string().nullish(),
  creator: z.object({ email: z.string().nullish() }).partial().nullish(),
  tags: z.array(z.object({ name: z.string() })).default([]),
});
const teams = z.object({ teams: z.array(z.object({ id: z.coerce.string(), members: z.array(z.object({ user: z.object({ id: z.number(), email: z.string().nullish() }) })).default([]) })) });
const webhook = z.object({ id: z.string(), webhook: z.object({ id: z.string(), secret: z.string().min(1) }) });

export type ClickUpList = z.infer<typeof list>;
export type ClickUpTask = z.infer<typeof task>;
export type ClickUpFullTask = z.infer<typeof fullTask>;
/** What a task is made or changed to: `dueDate` in ms since the epoch, as ClickUp counts it. */
export type TaskFields = { name: string; markdownDescription: string; status: string; dueDate: number };
/** A workspace member as we match them: ClickUp's numeric user id and email. */
export type ClickUpMember = { id: number; email: string | null };

export function clickUpClient(baseUrl: string, opts: { timeoutMs?: number } = {}) {
  const root = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  async function call<T>(token: string, method: string, path: string, schema: z.ZodType<T> | null, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, root), {
        method,
        headers: { Authorization: token, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        redirect: "error",
      });
    } catch (error) {
      throw new ClickUpError(0, null, `ClickUp could not be reached (${error instanceof Error ? error.message : String(error)})`);
    }
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : null;
    if (!response.ok) {
      const e = parsed as { err?: unknown; ECODE?: unknown } | null;
      const retryAfter = Number(response.headers.get("retry-after"));
      throw new ClickUpError(response.status, typeof e?.ECODE === "string" ? e.ECODE : null, typeof e?.err === "string" ? e.err : `HTTP ${response.status}`, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined);
    }
    if (!schema) return undefined as T;
    const result = schema.safeParse(parsed);
    if (!result.success) throw new ClickUpError(response.status, null, "ClickUp answered in a shape we do not know");
    return result.data;
  }
  const fields = (f: TaskFields) => ({ name: f.name, markdown_description: f.markdownDescription, status: f.status, due_date: f.dueDate, due_date_time: true });
  return {
    getList: (token: string, listId: string) => call(token, "GET", `list/${encodeURIComponent(listId)}`, list),
    /** GET /team (the authorized workspaces): the members of `teamId`. */
    getMembers: async (token: string, teamId: string): Promise<ClickUpMember[]> =>
      ((await call(token, "GET", "team", teams)).teams.find((t) => t.id === teamId)?.members ?? []).map((m) => ({ id: m.user.id, email: m.user.email ?? null })),
    getTask: (token: string, taskId: string) => call(token, "GET", `task/${encodeURIComponent(taskId)}`, fullTask),
    createTask: (token: string, listId: string, f: TaskFields, assignees: number[] = []) => call(token, "POST", `list/${encodeURIComponent(listId)}/task`, task, { ...fields(f), assignees }),
    // PUT /task/{id} takes `description`, not markdown_description, and assignees as changes.
    updateTask: (token: string, taskId: string, f: TaskFields, assignees: { add: number[]; rem: number[] } = { add: [], rem: [] }) =>
      call(token, "PUT", `task/${encodeURIComponent(taskId)}`, task, { name: f.name, description: f.markdownDescription, status: f.status, due_date: f.dueDate, due_date_time: true, assignees }),
    createWebhook: (token: string, teamId: string, endpoint: string, listId: string) =>
      call(token, "POST", `team/${encodeURIComponent(teamId)}/webhook`, webhook, { endpoint, events: [...WEBHOOK_EVENTS], list_id: Number(listId) || listId }),
    deleteWebhook: (token: string, webhookId: string) => call(token, "DELETE", `webhook/${encodeURIComponent(webhookId)}`, null),
  };
}

export type ClickUpClient = ReturnType<typeof clickUpClient>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
