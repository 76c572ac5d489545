"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/result";
import type { Action } from "@/lib/auth/policy";
import { requireShopAccess } from "@/lib/shops/access";
import { updateOption, updateProduct, type EditableProduct } from "@/lib/catalog/edit-menu";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { mailer } from "@/lib/mail/mailer";
import { updateShopSettings, type ShopSettings } from "@/lib/shops/settings";
import { assignStaff, cancelInvite, removeStaff } from "@/lib/shops/staff";
import { decideProposal } from "@/lib/agents/core/proposals";
import { markShopRead } from "@/lib/agents/notifier/notifications";
import { requestNewDrink } from "@/lib/agents/inventor/agent";
import { closeTasting, submitScore } from "@/lib/agents/tasting/manage";
import { receiveDelivery, type DeliveryResult } from "@/lib/inventory/deliveries";
import { saveSupplierSettings, type SupplierSettings } from "@/lib/inventory/suppliers";
import { receiveTransfer, type TransferReceipt } from "@/lib/inventory/transfers";
import { assignTask, renameTask, rescheduleTask, setTaskStatus } from "@/lib/agents/tasks/manage";
import type { TaskStatus } from "@/lib/agents/tasks/rules";

/** The manager screens' actions: each checks access to the named shop, then calls lib. */

async function inShop<T>(slug: string, action: Action, run: (ctx: Awaited<ReturnType<typeof requireShopAccess>>) => Promise<T>): Promise<ActionResult<T>> {
  return runAction(async () => {
    const ctx = await requireShopAccess(slug, action);
    const result = await run(ctx);
    revalidatePath(`/manager/${slug}`, "layout");
    revalidatePath(`/shops/${slug}`);
    return result;
  });
}

export async function updateProductAction(slug: string, input: unknown): Promise<ActionResult<EditableProduct>> {
  return inShop(slug, "menu:edit", ({ shop, user }) => updateProduct(db(), user, shop.id, input));
}

export async function updateOptionAction(slug: string, input: unknown): Promise<ActionResult<null>> {
  return inShop(slug, "menu:edit", async ({ shop, user }) => (await updateOption(db(), user, shop.id, input), null));
}

export async function updateSettingsAction(slug: string, input: unknown): Promise<ActionResult<ShopSettings>> {
  return inShop(slug, "shop:manage", ({ shop, user }) => updateShopSettings(db(), user, shop.id, input));
}

export async function assignStaffAction(slug: string, input: unknown): Promise<ActionResult<"assigned" | "invited">> {
  return inShop(slug, "staff:manage", ({ shop, user }) => assignStaff({ db: db(), mailer: mailer(), appUrl: env().APP_URL }, user, shop.id, input));
}

export async function removeStaffAction(slug: string, userId: unknown): Promise<ActionResult<null>> {
  return inShop(slug, "staff:manage", async ({ shop, user }) => (await removeStaff(db(), user, shop.id, userId), null));
}

export async function cancelInviteAction(slug: string, email: unknown): Promise<ActionResult<null>> {
  return inShop(slug, "staff:manage", async ({ shop, user }) => (await cancelInvite(db(), user, shop.id, email), null));
}

export async function decideProposalAction(slug: string, input: unknown): Promise<ActionResult<null>> {
  return inShop(slug, "inventory:manage", async ({ shop, user }) => (await decideProposal(db(), user, shop.id, input), null));
}

/** "Suggest a new drink": a request to the beverage inventor (through the outbox); refused while a new drink waits. */
export async function suggestDrinkAction(slug: string): Promise<ActionResult<{ requestId: string }>> {
  return inShop(slug, "menu:edit", ({ shop, user }) => requestNewDrink(db(), user, shop.id));
}

/** A member of the shop's staff scores a tasting (1–5 and a note; changed until it closes). */
export async function scoreTastingAction(slug: string, input: unknown): Promise<ActionResult<{ status: string }>> {
  return inShop(slug, "tasting:score", ({ shop, user }) => submitScore(db(), user, shop.id, input));
}

/** A manager closes a tasting: passed (mean ≥ 3.5) → an add-to-menu proposal. */
export async function closeTastingAction(slug: string, input: unknown): Promise<ActionResult<{ status: string }>> {
  return inShop(slug, "menu:edit", ({ shop, user }) => closeTasting(db(), user, shop.id, input));
}

export async function receiveDeliveryAction(slug: string, input: unknown): Promise<ActionResult<DeliveryResult>> {
  return inShop(slug, "inventory:manage", ({ shop, user }) => receiveDelivery(db(), user, shop.id, input));
}

/** How the shop buys one ingredient (supplier, lead time, pack size and price, reorder level). */
export async function saveSupplierAction(slug: string, input: unknown): Promise<ActionResult<SupplierSettings>> {
  return inShop(slug, "inventory:manage", ({ shop, user }) => saveSupplierSettings(db(), user, shop.id, input));
}

/** The receiving shop's manager counts a transfer from another shop in (a transfer is approved in the sender's shop, through decideProposalAction). */
export async function receiveTransferAction(slug: string, input: unknown): Promise<ActionResult<TransferReceipt>> {
  return inShop(slug, "inventory:manage", ({ shop, user }) => receiveTransfer(db(), user, shop.id, input));
}

export async function markNotificationsReadAction(slug: string): Promise<ActionResult<number>> {
  return inShop(slug, "inventory:manage", ({ shop, user }) => markShopRead(db(), user.id, shop.id));
}

/** Gives a task of the shop to one of its staff (ownerId null: to nobody). */
export async function assignTaskAction(slug: string, input: unknown): Promise<ActionResult<null>> {
  return inShop(slug, "tasks:manage", async ({ shop, user }) => (await assignTask(db(), user, shop.id, input), null));
}

/** Moves a task's due time (the shop's wall clock, from a datetime-local input). */
export async function rescheduleTaskAction(slug: string, input: unknown): Promise<ActionResult<"changed" | "unchanged">> {
  return inShop(slug, "tasks:manage", ({ shop, user }) => rescheduleTask(db(), user, shop, input));
}

/** Renames a task of the shop (3-200 characters; ClickUp's copy follows). */
export async function renameTaskAction(slug: string, input: unknown): Promise<ActionResult<"changed" | "unchanged">> {
  return inShop(slug, "tasks:manage", ({ shop, user }) => renameTask(db(), user, shop.id, input));
}

/** Starts, finishes, cancels, puts back or reopens a task of the shop. */
export async function setTaskStatusAction(slug: string, input: unknown): Promise<ActionResult<TaskStatus>> {
  return inShop(slug, "tasks:manage", ({ shop, user }) => setTaskStatus(db(), user, shop.id, input));
}
