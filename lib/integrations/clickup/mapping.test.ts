import { describe, expect, it } from "vitest";
import { assigneeChange, DEFAULT_STATUSES, missingStatuses, sign, statusChange, statusFromClickUp, statusWebhook, taskFields, validSignature } from "./mapping";

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
    const event = statusWebhook.parse({ event: "taskStatusUpdated", webhook_id: "w", task_id: "c0j", history_items: [{ field: "status", after: { status: "complete" }, user: { username: "marco", email: "m@x.test" } }] });
    expect(statusChange(event)).toEqual({ clickUpTaskId: "c0j", status: "complete", by: "m@x.test" });
    expect(statusChange(statusWebhook.parse({ event: "taskUpdated", webhook_id: "w", task_id: "c0j" }))).toBeNull();
    expect(statusChange(statusWebhook.parse({ event: "taskStatusUpdated", webhook_id: "w", task_id: "c0j", history_items: [{ field: "name" }] }))).toBeNull();
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
