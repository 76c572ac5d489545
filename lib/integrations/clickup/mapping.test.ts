import { describe, expect, it } from "vitest";
import { assigneeChange, assigneeUpdate, DEFAULT_STATUSES, fieldUpdate, missingStatuses, ownerAfter, sign, statusChange, statusFromClickUp, taskWebhook, taskFields, validSignature } from "./mapping";

describe("ClickUp statuses", () => {
  it("finds the mapped statuses a list lacks, ignoring case and spaces around", () => {
    expect(missingStatuses(DEFAULT_STATUSES, ["To Do", " in progress", "COMPLETE", "Closed"])).toEqual([]);
    expect(missingStatuses(DEFAULT_STATUSES, ["to do", "complete", "closed"])).toEqual(["in progress"]);
    expect(missingStatuses({ ...DEFAULT_STATUSES, CANCELLED: "complete" }, ["to do", "in progress", "complete"])).toEqual([]);
  });

  it("reads ClickUp's status back as ours, or null for one the connection does not map", () => {
    expect(statusFromClickUp("Complete", DEFAULT_STATUSES)).toBe("DONE");
    expect(statusFromClickUp("in progress", DEFAULT_STATUSES)).toBe("IN_PROGRESS");
    expect(statusFromClickUp("blocked", DEFAULT_STATUSES)).toBeNull();
  });

  it("sends our status under the list's name, the due time in ms, and a link back", () => {
    const f = taskFields({ kind: "task", taskId: "t", name: "Receive the delivery", detail: "3 × 1 L", status: "CANCELLED", dueAt: "2026-12-03T10:00:00.000Z", link: "https://gocoffee.test/manager/x/tasks", text: "" }, DEFAULT_STATUSES);
    expect(f).toEqual({ name: "Receive the delivery", markdownDescription: "3 × 1 L\n\n[Open in Go Coffee](https://gocoffee.test/manager/x/tasks)", status: "closed", dueDate: Date.parse("2026-12-03T10:00:00.000Z") });
  });
});

describe("ClickUp webhook signatures", () => {
  const body = '{"event":"taskStatusUpdated","task_id":"c0j","webhook_id":"w"}';
  it("accepts the hex HMAC-SHA256 of the exact body under the secret, and nothing else", () => {
    const good = sign("s3cret", body);
    expect(validSignature("s3cret", body, good)).toBe(true);
    expect(validSignature("s3cret", body, good.toUpperCase())).toBe(true);
    expect(validSignature("other", body, good)).toBe(false);
    expect(validSignature("s3cret", `${body} `, good)).toBe(false);
    expect(validSignature("s3cret", body, null)).toBe(false);
    expect(validSignature("s3cret", body, "abc")).toBe(false);
    expect(validSignature("s3cret", body, "z".repeat(64))).toBe(false);
  });
});

describe("reading a status event", () => {
  it("takes the task, the status it moved to and who moved it; anything else is not a status change", () => {
    const event = taskWebhook.parse({ event: "taskStatusUpdated", webhook_id: "w", task_id: "c0j", history_items: [{ field: "status", after: { status: "complete" }, user: { username: "marco", email: "m@x.test" } }] });
    expect(statusChange(event)).toEqual({ clickUpTaskId: "c0j", status: "complete", by: "m@x.test" });
    expect(statusChange(taskWebhook.parse({ event: "taskUpdated", webhook_id: "w", task_id: "c0j" }))).toBeNull();
    expect(statusChange(taskWebhook.parse({ event: "taskStatusUpdated", webhook_id: "w", task_id: "c0j", history_items: [{ field: "name" }] }))).toBeNull();
  });
});

describe("reading an assignee event", () => {
  const person = (email: string | null) => ({ id: 7, username: "x", email });
  it("takes who was assigned and unassigned (by email) and who did it; people without an email and other fields are skipped", () => {
    const event = taskWebhook.parse({
      event: "taskAssigneeUpdated",
      webhook_id: "w",
      task_id: "c0j",
      history_items: [
        { field: "assignee_add", after: person("bea@x.test"), user: { email: "m@x.test" } },
        { field: "assignee_rem", before: person("lou@x.test"), user: { email: "m@x.test" } },
        { field: "assignee_add", after: person(null) },
        { field: "status", after: { status: "complete" } },
      ],
    });
    expect(assigneeUpdate(event)).toEqual({ clickUpTaskId: "c0j", added: ["bea@x.test"], removed: ["lou@x.test"], by: "m@x.test" });
    expect(statusChange(event)).toBeNull(); // another event
    expect(assigneeUpdate(taskWebhook.parse({ event: "taskAssigneeUpdated", webhook_id: "w", task_id: "c0j", history_items: [{ field: "assignee_add", after: person(null) }] }))).toBeNull();
    expect(assigneeUpdate(taskWebhook.parse({ event: "taskStatusUpdated", webhook_id: "w", task_id: "c0j", history_items: [{ field: "assignee_add", after: person("bea@x.test") }] }))).toBeNull();
  });
});

describe("ownerAfter", () => {
  const staff = [{ id: "u-bea", email: "Bea@GoCoffee.test" }, { id: "u-lou", email: "lou@gocoffee.test" }];
  it("gives the task to the last staff member assigned (email without case); strangers change nothing", () => {
    expect(ownerAfter({ added: ["bea@gocoffee.test"], removed: [] }, staff, null)).toBe("u-bea");
    expect(ownerAfter({ added: ["lou@gocoffee.test", "bea@gocoffee.test"], removed: [] }, staff, "u-lou")).toBe("u-bea");
    expect(ownerAfter({ added: ["bea@gocoffee.test", "stranger@x.test"], removed: [] }, staff, null)).toBe("u-bea");
    expect(ownerAfter({ added: ["stranger@x.test"], removed: [] }, staff, "u-lou")).toBeUndefined();
  });
  it("leaves the task to nobody when its owner is unassigned and no staff member is assigned; someone else unassigned changes nothing", () => {
    expect(ownerAfter({ added: [], removed: ["LOU@gocoffee.test"] }, staff, "u-lou")).toBeNull();
    expect(ownerAfter({ added: [], removed: ["bea@gocoffee.test"] }, staff, "u-lou")).toBeUndefined();
    expect(ownerAfter({ added: ["stranger@x.test"], removed: ["lou@gocoffee.test"] }, staff, "u-lou")).toBeNull();
  });
});

describe("assigneeChange", () => {
  const members = [{ id: 501, email: "Manager@GoCoffee.test" }, { id: 502, email: "barista@gocoffee.test" }, { id: 9, email: null }];
  it("adds the owner's ClickUp user (email matched without case) and removes the previous owner's", () => {
    expect(assigneeChange({ assignee: "manager@gocoffee.test", previousAssignee: null }, members)).toEqual({ add: [501], rem: [] });
    expect(assigneeChange({ assignee: "barista@gocoffee.test", previousAssignee: "manager@gocoffee.test" }, members)).toEqual({ add: [502], rem: [501] });
    expect(assigneeChange({ assignee: "manager@gocoffee.test", previousAssignee: "manager@gocoffee.test" }, members)).toEqual({ add: [501], rem: [] });
  });
  it("assigns no one for an owner without a ClickUp account, and takes the previous one off", () => {
    expect(assigneeChange({ assignee: "new@gocoffee.test", previousAssignee: "barista@gocoffee.test" }, members)).toEqual({ add: [], rem: [502] });
    expect(assigneeChange({ assignee: null, previousAssignee: null }, members)).toEqual({ add: [], rem: [] });
  });
});

describe("reading a name or due-date event", () => {
  const event = (name: string, items: object[]) => taskWebhook.parse({ event: name, webhook_id: "w", task_id: "t1", history_items: items });
  const by = { id: 1, username: "marco", email: "manager@gocoffee.test" };
  it("reads a new name from taskUpdated and a due date (Unix ms) from taskDueDateUpdated, with who changed it", () => {
    expect(fieldUpdate(event("taskUpdated", [{ field: "name", before: "Old", after: "New name", user: by }]))).toEqual({ clickUpTaskId: "t1", name: "New name", by: "manager@gocoffee.test" });
    expect(fieldUpdate(event("taskDueDateUpdated", [{ field: "due_date", before: "1", after: "1767225600000", user: by }]))).toEqual({ clickUpTaskId: "t1", dueAt: new Date(1_767_225_600_000), by: "manager@gocoffee.test" });
  });
  it("reads a cleared due date as null, and ignores other fields, events and garbage", () => {
    expect(fieldUpdate(event("taskDueDateUpdated", [{ field: "due_date", before: "1767225600000", after: null, user: by }]))).toEqual({ clickUpTaskId: "t1", dueAt: null, by: "manager@gocoffee.test" });
    expect(fieldUpdate(event("taskUpdated", [{ field: "content", before: "a", after: "b", user: by }]))).toBeNull();
    expect(fieldUpdate(event("taskStatusUpdated", [{ field: "name", after: "x", user: by }]))).toBeNull();
    expect(fieldUpdate(event("taskDueDateUpdated", [{ field: "due_date", after: "tomorrow", user: by }]))).toBeNull();
  });
});
