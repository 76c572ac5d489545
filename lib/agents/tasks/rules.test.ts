import { describe, expect, it } from "vitest";
import { alertResolved, arrivalDue, byDue, canMove, deliveryReceived, isOverdue, refusal, sourceKey, taskForAlert, tasksForApproval, transferReceived, type ApprovedProposal, type TaskStatus } from "./rules";
import { overdueTaskMessage } from "./overdue";

const SHOP = "0190a000-0000-7000-8000-000000000001";
const OTHER = "0190a000-0000-7000-8000-000000000002";
const ID = "0190a000-0000-7000-8000-0000000000aa";
const approvedAt = new Date("2026-12-03T10:00:00Z");
const hours = (d: Date) => (d.getTime() - approvedAt.getTime()) / 3_600_000;

const purchaseOrder: ApprovedProposal = {
  id: ID,
  agent: "inventory",
  shopId: SHOP,
  kind: "purchase_order",
  title: "Order 12 L oat milk (2 × 6 L) from Plant Milk Wholesale",
  payload: { ingredientId: OTHER, slug: "oat-milk", name: "Oat milk", unit: "MILLILITER", supplier: "Plant Milk Wholesale", leadTimeDays: 2, packSize: 6000, quantity: 12_000, daysOfCover: 0.5, reason: "x", provider: "rules" },
  decidedAt: approvedAt,
};
const transfer: ApprovedProposal = {
  id: ID,
  agent: "coordinator",
  shopId: SHOP,
  kind: "transfer",
  title: "Transfer 6 L oat milk (1 × 6 L) from South to North",
  payload: { fromShopId: SHOP, fromShopName: "South", toShopId: OTHER, toShopName: "North", ingredientId: OTHER, slug: "oat-milk", name: "Oat milk", unit: "MILLILITER", quantity: 6000, packSize: 6000, senderKeeps: 6000, transitDays: 0, reason: "x", provider: "rules", explainedBy: "rules" },
  decidedAt: approvedAt,
};

describe("which approved proposal makes which task", () => {
  it("a purchase order: receive the delivery from its supplier in its shop, due when the lead time says it arrives", () => {
    const [task, ...more] = tasksForApproval(purchaseOrder);
    expect(more).toHaveLength(0);
    expect(task).toMatchObject({ shopId: SHOP, sourceKind: "purchase_order", sourceId: ID, title: "Receive the delivery from Plant Milk Wholesale: 12 L oat milk (2 × 6 L)" });
    expect(task!.detail).toContain("Receive delivery");
    expect(hours(task!.dueAt)).toBe(48);
  });

  it("a transfer: the sender sends it within two hours, the receiver receives it, each in their own shop", () => {
    const [send, receive] = tasksForApproval(transfer);
    expect(send).toMatchObject({ shopId: SHOP, sourceKind: "transfer_send", sourceId: ID, title: "Send 6 L oat milk (1 × 6 L) to North" });
    expect(hours(send!.dueAt)).toBe(2);
    expect(receive).toMatchObject({ shopId: OTHER, sourceKind: "transfer_receive", sourceId: ID, title: "Receive 6 L oat milk (1 × 6 L) from South" });
    expect(receive!.detail).toContain("arriving the same day");
    // Same day: due later that day, never at the approval itself (it would be overdue at once).
    expect(hours(receive!.dueAt)).toBe(8);
    const [, inTransit] = tasksForApproval({ ...transfer, payload: { ...(transfer.payload as object), transitDays: 1 } });
    expect(hours(inTransit!.dueAt)).toBe(24);
    expect(inTransit!.detail).toContain("1 day in transit");
  });

  it("a payload that does not parse, or a kind it does not know, gets a plain task rather than invented quantities", () => {
    for (const p of [{ ...purchaseOrder, payload: { supplier: "X" } }, { ...transfer, payload: null }, { ...purchaseOrder, kind: "seasonal_menu", title: "Add the pumpkin latte" }]) {
      const [task, ...more] = tasksForApproval(p);
      expect(more).toHaveLength(0);
      expect(task).toMatchObject({ shopId: SHOP, sourceKind: "proposal", sourceId: ID, title: `Carry out: ${p.title}` });
      expect(hours(task!.dueAt)).toBe(24);
    }
  });

  it("an approved social post, new drink or menu addition makes no task: a worker carries each out", () => {
    expect(tasksForApproval({ ...purchaseOrder, kind: "social_post", payload: { text: "Cold brew, $4.75." } })).toEqual([]);
    expect(tasksForApproval({ ...purchaseOrder, kind: "new_drink", payload: {} })).toEqual([]);
    expect(tasksForApproval({ ...purchaseOrder, kind: "add_to_menu", payload: {} })).toEqual([]);
  });

  it("pack counts only when the quantity is whole packs; units as people read them", () => {
    const [task] = tasksForApproval({ ...purchaseOrder, payload: { ...(purchaseOrder.payload as object), name: "Espresso beans", unit: "GRAM", quantity: 2500, packSize: 1000 } });
    expect(task!.title).toBe("Receive the delivery from Plant Milk Wholesale: 2.5 kg espresso beans");
  });
});

describe("unresolved alerts", () => {
  const alert = { id: ID, agent: "inventory", shopId: SHOP, severity: "critical", message: "Out of oat milk: Caffè latte unavailable", createdAt: approvedAt };

  it("critical: deal with it within 4 hours; warning: within a day; info: no task", () => {
    const critical = taskForAlert(alert)!;
    expect(critical).toMatchObject({ shopId: SHOP, sourceKind: "alert", sourceId: ID, title: "Deal with: Out of oat milk: Caffè latte unavailable" });
    expect(critical.detail).toMatch(/^Critical alert from the inventory manager: .* closes by itself when the alert is resolved\.$/);
    expect(hours(critical.dueAt)).toBe(4);
    expect(hours(taskForAlert({ ...alert, severity: "warning" })!.dueAt)).toBe(24);
    // The task manager's own alert (an overdue task) is about a task already.
    expect(taskForAlert({ ...alert, severity: "warning", agent: "tasks" })).toBeNull();
    expect(taskForAlert({ ...alert, severity: "info" })).toBeNull();
  });

  it("a long message is cut in the title and kept whole in the detail", () => {
    const long = "x".repeat(400);
    const task = taskForAlert({ ...alert, message: long })!;
    expect(task.title.length).toBe(160);
    expect(task.title.endsWith("…")).toBe(true);
    expect(task.detail).toContain(long);
  });
});

describe("idempotency and completion", () => {
  it("one key per source: the two tasks of a transfer differ by kind, the same source always has the same key", () => {
    const [send, receive] = tasksForApproval(transfer);
    expect(sourceKey(send!.sourceKind, send!.sourceId)).not.toBe(sourceKey(receive!.sourceKind, receive!.sourceId));
    expect(tasksForApproval(purchaseOrder).map((t) => sourceKey(t.sourceKind, t.sourceId))).toEqual(tasksForApproval(purchaseOrder).map((t) => sourceKey(t.sourceKind, t.sourceId)));
    expect(sourceKey("alert", ID)).toBe(`alert:${ID}`);
  });

  it("a delivery closes its purchase order's task, a received transfer both of its tasks, a resolved alert its task", () => {
    expect(deliveryReceived(ID)).toMatchObject({ kinds: ["purchase_order"], sourceId: ID });
    expect(transferReceived(ID, "North")).toMatchObject({ kinds: ["transfer_send", "transfer_receive"], sourceId: ID, reason: "Transfer counted in by North" });
    expect(alertResolved(ID)).toMatchObject({ kinds: ["alert"], sourceId: ID, reason: "Alert resolved: the condition ended" });
  });

  it("arrival is never sooner than later the same day", () => {
    expect(hours(arrivalDue(approvedAt, 0))).toBe(8);
    expect(hours(arrivalDue(approvedAt, 3))).toBe(72);
  });
});

describe("moves people make", () => {
  const all: TaskStatus[] = ["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"];

  it("start, put back, finish and drop open tasks; only reopen closed ones", () => {
    const allowed = all.flatMap((from) => all.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(["OPEN→IN_PROGRESS", "OPEN→DONE", "OPEN→CANCELLED", "IN_PROGRESS→OPEN", "IN_PROGRESS→DONE", "IN_PROGRESS→CANCELLED", "DONE→OPEN", "CANCELLED→OPEN"]);
    expect(refusal("DONE", "IN_PROGRESS")).toBe("A task that is done cannot become in progress");
    expect(refusal("DONE", "DONE")).toBe("This task is already done");
  });

  it("overdue: open or in progress past its due time; closed tasks never are; open tasks by due date", () => {
    const now = new Date(approvedAt.getTime() + 1);
    expect(isOverdue({ status: "OPEN", dueAt: approvedAt }, now)).toBe(true);
    expect(isOverdue({ status: "IN_PROGRESS", dueAt: approvedAt }, now)).toBe(true);
    expect(isOverdue({ status: "OPEN", dueAt: now }, now)).toBe(false);
    expect(isOverdue({ status: "DONE", dueAt: approvedAt }, now)).toBe(false);
    const later = new Date(approvedAt.getTime() + 3_600_000);
    expect(byDue([{ title: "b", dueAt: later }, { title: "z", dueAt: approvedAt }, { title: "a", dueAt: later }]).map((t) => t.title)).toEqual(["z", "a", "b"]);
  });
});

describe("an overdue task's alert", () => {
  it("says the task, when it was due on the shop's clock and whose it is", () => {
    const dueAt = new Date("2026-12-04T23:30:00Z");
    expect(overdueTaskMessage({ title: "Receive the delivery from Bay Dairy: 12 L oat milk", dueAt, ownerName: "Ana" }, "America/Los_Angeles")).toBe("Task overdue: Receive the delivery from Bay Dairy: 12 L oat milk — due Fri 4 Dec, 15:30, owner Ana");
    expect(overdueTaskMessage({ title: "Send the transfer", dueAt, ownerName: null }, "Europe/London")).toBe("Task overdue: Send the transfer — due Fri 4 Dec, 23:30, no owner yet");
  });
});
