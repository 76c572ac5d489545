import { createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";

/**
 * A local ClickUp API v2 for tests and the demo: lib/integrations/clickup/client.ts talks to it
 * through CLICKUP_API_URL. It speaks ClickUp's wire format for the calls Go Coffee makes — the
 * personal token in `Authorization` (no "Bearer"), JSON, errors as `{ err, ECODE }` with the HTTP
 * status — and, like ClickUp, POSTs signed webhook events (X-Signature: hex HMAC-SHA256 of the body
 * under the webhook's secret) to the endpoints registered on a list.
 *
 * Tokens: any `pk_…` except those containing "invalid" (401 OAUTH_025). Lists: any numeric id
 * except "404" (not found), with ClickUp's default statuses plus "in progress".
 * People move tasks with POST /_fake/tasks/<id>/status `{ status, email }` (or `moveTask`), and make
 * them with POST /_fake/lists/<id>/tasks `{ name, email, dueDate?, tags? }` (or `makeTask`): the
 * webhook event goes out and its answers come back. GET /_fake/tasks and /_fake/webhooks read the state.
 * Workspace members (GET /team, every team id): `members`, one by default; tasks keep their assignees
 * (an array on create, `{ add, rem }` on update, as ClickUp takes them).
 */

export type FakeTask = { id: string; listId: string; name: string; description: string; status: string; dueDate: string | null; url: string; updates: number; assignees: number[]; creator: string; tags: string[] };
/** A workspace member (GET /team lists them under every team id asked about). */
export type FakeMember = { id: number; username: string; email: string };
export type FakeWebhook = { id: string; teamId: string; listId: string; endpoint: string; events: string[]; secret: string };
export type WebhookDelivery = { endpoint: string; status: number; body: string };

export type FakeClickUp = {
  url: string;
  tasks: FakeTask[];
  webhooks: FakeWebhook[];
  /** The workspace's people; tests add to it. */
  members: FakeMember[];
  /** A person makes a task in a list in ClickUp: the list's taskCreated webhooks are called, signed. */
  makeTask(listId: string, task: { name: string; description?: string; dueDate?: string | null; tags?: string[] }, user: { email: string; username?: string }): Promise<{ task: FakeTask; deliveries: WebhookDelivery[] }>;
  /** A person changes a task's status in ClickUp: the list's webhooks are called, signed. */
  moveTask(taskId: string, status: string, user: { email: string; username?: string }): Promise<WebhookDelivery[]>;
  reset(): void;
  close(): Promise<void>;
};

const STATUSES = [
  { status: "to do", type: "open" },
  { status: "in progress", type: "custom" },
  { status: "complete", type: "done" },
  { status: "closed", type: "closed" },
];

/** ClickUp's taskStatusUpdated event for `task` moved from `before` to `status` by `user`, as ClickUp sends it: body and X-Signature. */
export function signedStatusEvent(hook: { id: string; secret: string }, task: { id: string; listId: string }, before: string, status: string, user: { email: string; username?: string }): { body: string; signature: string } {
  const body = JSON.stringify({
    event: "taskStatusUpdated",
    history_items: [
      {
        id: randomBytes(8).toString("hex"),
        type: 1,
        date: String(Date.now()),
        field: "status",
        parent_id: task.listId,
        data: { status_type: STATUSES.find((s) => s.status === status.toLowerCase())?.type ?? "custom" },
        source: null,
        user: { id: 183, username: user.username ?? user.email.split("@")[0], email: user.email, color: "#7b68ee", initials: "GC", profilePicture: null },
        before: { status: before, color: "#d3d3d3", orderindex: 0, type: "open" },
        after: { status, color: "#6bc950", orderindex: 2, type: "done" },
      },
    ],
    task_id: task.id,
    webhook_id: hook.id,
  });
  return { body, signature: createHmac("sha256", hook.secret).update(body).digest("hex") };
}

const userObject = (u: { id?: number; email: string; username?: string }) => ({ id: u.id ?? 183, username: u.username ?? u.email.split("@")[0], email: u.email, color: "#7b68ee", initials: "GC", profilePicture: null });

/**
 * ClickUp's taskAssigneeUpdated event for `task`: one history item per person assigned
 * (`assignee_add`, the person in `after`) or unassigned (`assignee_rem`, in `before`), made by `user`.
 */
export function signedAssigneeEvent(hook: { id: string; secret: string }, task: { id: string; listId: string }, change: { add?: FakeMember[]; rem?: FakeMember[] }, user: { email: string; username?: string }): { body: string; signature: string } {
  const item = (field: "assignee_add" | "assignee_rem", person: FakeMember) => ({
    id: randomBytes(8).toString("hex"),
    type: 1,
    date: String(Date.now()),
    field,
    parent_id: task.listId,
    data: {},
    source: null,
    user: userObject(user),
    ...(field === "assignee_add" ? { before: null, after: userObject(person) } : { before: userObject(person), after: null }),
  });
  const body = JSON.stringify({
    event: "taskAssigneeUpdated",
    history_items: [...(change.add ?? []).map((p) => item("assignee_add", p)), ...(change.rem ?? []).map((p) => item("assignee_rem", p))],
    task_id: task.id,
    webhook_id: hook.id,
  });
  return { body, signature: createHmac("sha256", hook.secret).update(body).digest("hex") };
}

/**
 * A signed taskUpdated (name) or taskDueDateUpdated (due date, Unix ms as a string; null: cleared)
 * event, as ClickUp sends when someone renames a task or moves its due date.
 */
export function signedFieldEvent(hook: { id: string; secret: string }, task: { id: string; listId: string; name: string; dueDate: string | null }, change: { name: string } | { dueDate: string | null }, user: { email: string; username?: string }): { body: string; signature: string } {
  const rename = "name" in change;
  const body = JSON.stringify({
    event: rename ? "taskUpdated" : "taskDueDateUpdated",
    history_items: [
      {
        id: randomBytes(8).toString("hex"),
        type: 1,
        date: String(Date.now()),
        field: rename ? "name" : "due_date",
        parent_id: task.listId,
        data: rename ? {} : { due_date_time: true, old_due_date_time: true },
        source: null,
        user: userObject(user),
        before: rename ? task.name : task.dueDate,
        after: rename ? change.name : change.dueDate,
      },
    ],
    task_id: task.id,
    webhook_id: hook.id,
  });
  return { body, signature: createHmac("sha256", hook.secret).update(body).digest("hex") };
}

/** ClickUp's taskCreated event for `task` made by `user`, as ClickUp sends it: body and X-Signature. */
export function signedCreatedEvent(hook: { id: string; secret: string }, task: { id: string; listId: string }, user: { email: string; username?: string }): { body: string; signature: string } {
  const body = JSON.stringify({
    event: "taskCreated",
    history_items: [{ id: randomBytes(8).toString("hex"), type: 1, date: String(Date.now()), field: "status", parent_id: task.listId, data: { status_type: "open" }, source: null, user: userObject(user), before: { status: null }, after: { status: "to do" } }],
    task_id: task.id,
    webhook_id: hook.id,
  });
  return { body, signature: createHmac("sha256", hook.secret).update(body).digest("hex") };
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

export async function startFakeClickUp(port = 0, host = "127.0.0.1"): Promise<FakeClickUp> {
  const tasks: FakeTask[] = [];
  const webhooks: FakeWebhook[] = [];
  const members: FakeMember[] = [{ id: 183, username: "ops", email: "ops@example.test" }];
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is number => typeof x === "number") : []);
  const known = (status: unknown) => typeof status === "string" && STATUSES.some((s) => s.status === status.toLowerCase());
  let base = "";

  async function post(listId: string, event: string, signed: (hook: FakeWebhook) => { body: string; signature: string }): Promise<WebhookDelivery[]> {
    const out: WebhookDelivery[] = [];
    for (const hook of webhooks.filter((w) => w.listId === listId && w.events.includes(event))) {
      const { body, signature } = signed(hook);
      const r = await fetch(hook.endpoint, { method: "POST", headers: { "content-type": "application/json", "x-signature": signature }, body }).catch(() => null);
      out.push({ endpoint: hook.endpoint, status: r?.status ?? 0, body: r ? await r.text() : "unreachable" });
    }
    return out;
  }

  async function makeTask(listId: string, t: { name: string; description?: string; dueDate?: string | null; tags?: string[] }, user: { email: string; username?: string }) {
    const id = randomBytes(5).toString("hex").slice(0, 9);
    const task: FakeTask = { id, listId, name: t.name, description: t.description ?? "", status: "to do", dueDate: t.dueDate ?? null, url: `https://app.clickup.com/t/${id}`, updates: 0, assignees: [], creator: user.email, tags: t.tags ?? [] };
    tasks.push(task);
    return { task, deliveries: await post(listId, "taskCreated", (hook) => signedCreatedEvent(hook, task, user)) };
  }

  async function moveTask(taskId: string, status: string, user: { email: string; username?: string }): Promise<WebhookDelivery[]> {
    const task = tasks.find((t) => t.id === taskId);
    if (!task) throw new Error(`no task ${taskId}`);
    const before = task.status;
    task.status = status;
    return post(task.listId, "taskStatusUpdated", (hook) => signedStatusEvent(hook, task, before, status, user));
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const json = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      const url = new URL(req.url ?? "/", "http://x");
      const path = url.pathname;
      if (path === "/_fake/tasks" && req.method === "GET") return json(200, { tasks });
      if (path === "/_fake/webhooks" && req.method === "GET") return json(200, { webhooks: webhooks.map(({ secret: _s, ...w }) => w) });
      const list = /^\/_fake\/lists\/([^/]+)\/tasks$/.exec(path);
      if (list && req.method === "POST") {
        const b = await readBody(req);
        const made = await makeTask(list[1]!, { name: String(b.name ?? ""), dueDate: typeof b.dueDate === "string" ? b.dueDate : null, tags: Array.isArray(b.tags) ? b.tags.map(String) : [] }, { email: String(b.email ?? "someone@example.test") });
        return json(200, { task: made.task, deliveries: made.deliveries });
      }
      const moved = /^\/_fake\/tasks\/([^/]+)\/status$/.exec(path);
      if (moved && req.method === "POST") {
        const b = await readBody(req);
        if (!tasks.some((t) => t.id === moved[1])) return json(404, { err: "Task not found" });
        return json(200, { deliveries: await moveTask(moved[1]!, String(b.status), { email: String(b.email ?? "someone@example.test") }) });
      }

      const token = req.headers.authorization ?? "";
      if (!token.startsWith("pk_") || token.includes("invalid")) return json(401, { err: "Token invalid", ECODE: "OAUTH_025" });
      const m = (re: RegExp) => re.exec(path);
      let r: RegExpExecArray | null;
      if ((r = m(/^\/api\/v2\/list\/([^/]+)$/)) && req.method === "GET") {
        if (r[1] === "404") return json(404, { err: "List not found", ECODE: "ITEM_013" });
        return json(200, { id: r[1], name: `Coffee ops ${r[1]}`, statuses: STATUSES.map((s, i) => ({ ...s, orderindex: i, color: "#87909e" })) });
      }
      if (path === "/api/v2/team" && req.method === "GET") {
        const teamIds = [...new Set(["9012", ...webhooks.map((w) => w.teamId)])];
        return json(200, { teams: teamIds.map((id) => ({ id, name: `Workspace ${id}`, color: "#7b68ee", avatar: null, members: members.map((u) => ({ user: { id: u.id, username: u.username, email: u.email, color: "#7b68ee", profilePicture: null, initials: u.username.slice(0, 2).toUpperCase(), role: 3 } })) })) });
      }
      if ((r = m(/^\/api\/v2\/team\/([^/]+)\/webhook$/)) && req.method === "POST") {
        const b = await readBody(req);
        const hook: FakeWebhook = { id: crypto.randomUUID(), teamId: r[1]!, listId: String(b.list_id), endpoint: String(b.endpoint), events: (b.events as string[]) ?? [], secret: randomBytes(24).toString("base64url") };
        webhooks.push(hook);
        return json(200, { id: hook.id, webhook: { id: hook.id, userid: 183, team_id: Number(hook.teamId), endpoint: hook.endpoint, client_id: "fake", events: hook.events, task_id: null, list_id: Number(hook.listId), folder_id: null, space_id: null, health: { status: "active", fail_count: 0 }, secret: hook.secret } });
      }
      if ((r = m(/^\/api\/v2\/webhook\/([^/]+)$/)) && req.method === "DELETE") {
        const i = webhooks.findIndex((w) => w.id === r![1]);
        if (i >= 0) webhooks.splice(i, 1);
        return json(200, {});
      }
      if ((r = m(/^\/api\/v2\/list\/([^/]+)\/task$/)) && req.method === "POST") {
        const b = await readBody(req);
        if (typeof b.name !== "string" || !b.name) return json(400, { err: "Task name invalid", ECODE: "INPUT_005" });
        if (b.status !== undefined && !known(b.status)) return json(400, { err: "Status does not exist", ECODE: "CRTSK_001" });
        const id = randomBytes(5).toString("hex").slice(0, 9);
        const task: FakeTask = { id, listId: r[1]!, name: b.name, description: String(b.markdown_description ?? b.description ?? ""), status: String(b.status ?? "to do"), dueDate: b.due_date === undefined ? null : String(b.due_date), url: `https://app.clickup.com/t/${id}`, updates: 0, assignees: ids(b.assignees), creator: "ops@example.test", tags: [] };
        tasks.push(task);
        return json(200, { id, name: task.name, status: { status: task.status, type: "open" }, url: task.url, list: { id: task.listId } });
      }
      if ((r = m(/^\/api\/v2\/task\/([^/]+)$/)) && req.method === "GET") {
        const task = tasks.find((t) => t.id === r![1]);
        if (!task) return json(404, { err: "Task not found", ECODE: "ITEM_015" });
        const creator = members.find((u) => u.email === task.creator) ?? { id: 0, username: task.creator.split("@")[0], email: task.creator };
        return json(200, { id: task.id, name: task.name, text_content: task.description, description: task.description, status: { status: task.status, type: "open" }, due_date: task.dueDate, creator: { id: creator.id, username: creator.username, email: creator.email, color: "#7b68ee" }, tags: task.tags.map((name) => ({ name, tag_fg: "#fff", tag_bg: "#000" })), list: { id: task.listId }, url: task.url });
      }
      if ((r = m(/^\/api\/v2\/task\/([^/]+)$/)) && req.method === "PUT") {
        const task = tasks.find((t) => t.id === r![1]);
        if (!task) return json(404, { err: "Task not found", ECODE: "ITEM_015" });
        const b = await readBody(req);
        if (b.status !== undefined && !known(b.status)) return json(400, { err: "Status does not exist", ECODE: "CRTSK_001" });
        if (typeof b.name === "string") task.name = b.name;
        if (typeof b.description === "string") task.description = b.description;
        if (typeof b.status === "string") task.status = b.status;
        if (b.due_date !== undefined) task.dueDate = String(b.due_date);
        const change = (b.assignees ?? {}) as { add?: unknown; rem?: unknown };
        task.assignees = [...task.assignees.filter((a) => !ids(change.rem).includes(a)), ...ids(change.add).filter((a) => !task.assignees.includes(a))];
        task.updates++;
        return json(200, { id: task.id, name: task.name, status: { status: task.status }, url: task.url });
      }
      return json(404, { err: "Route not found", ECODE: "APP_001" });
    })().catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  base = `http://${host}:${typeof address === "object" && address ? address.port : port}`;
  return {
    url: `${base}/api/v2/`,
    tasks,
    webhooks,
    members,
    makeTask,
    moveTask,
    reset() {
      tasks.length = 0;
      webhooks.length = 0;
      members.splice(1);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
