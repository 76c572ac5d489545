import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/result";
import type { SessionUser } from "@/lib/auth/session-user";
import { loadSessionUser, signUp } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { receiptsOffToken } from "@/lib/mail/receipts-off";
import { NO_SUCH_ORDER } from "@/lib/orders/access";
import { placeOrder } from "@/lib/orders/place-order";
import { seed } from "@/prisma/seed";

/**
 * The authorization matrix: every route handler, server action and stream, called by anonymous
 * and by each kind of user, against who is expected to get through. Only the session lookup and
 * Next's request-scoped helpers are replaced; handlers, policy and database are the real ones.
 * "Denied" means 401/403 (or an unauthenticated/forbidden action result), and for endpoints that
 * hide what exists (`hides`: an order someone may not see answers like an unknown one, "There is
 * no such order.") also that 404;
 * "allowed" means any other 2xx-4xx outcome (a 422 still got past authorization). A 5xx, or an
 * action that throws, is a failure whoever asks. A second test fails when a route or an action
 * exists that the matrix does not cover.
 */

// Web Push on (its routes answer 404 without VAPID keys): set before anything reads the environment.
vi.hoisted(() => {
  process.env.VAPID_PUBLIC_KEY = "B" + "A".repeat(86);
  process.env.VAPID_PRIVATE_KEY = "A".repeat(43);
});

let session: SessionUser | null = null;
vi.mock("@/lib/auth/session", () => ({
  getSessionUser: async () => session,
  requireSignedIn: async () => session ?? Promise.reject(new Error("redirect to sign-in")),
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }), cookies: async () => ({ get: () => undefined, set: () => undefined }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error(`redirect ${to}`), { redirected: true });
  },
  notFound: () => {
    throw new Error("not found");
  },
}));

const SUBJECTS = ["anonymous", "owner", "otherCustomer", "barista", "baristaElsewhere", "manager", "managerElsewhere", "admin"] as const;
type Subject = (typeof SUBJECTS)[number];
const STAFF: Subject[] = ["barista", "manager", "admin"];
const MANAGERS: Subject[] = ["manager", "admin"];
const SIGNED_IN: Subject[] = SUBJECTS.filter((s) => s !== "anonymous");

const SHOP = "sfo-terminal-2"; // open around the clock
const OTHER_SHOP = "chicago-loop";
const users = new Map<Subject, SessionUser | null>();
let shopId: string;
let productId: string;
let optionId: string;

type Outcome = { status: number; message?: string } | { result: ActionResult<unknown> } | { redirected: true };
type Endpoint = { name: string; allow: readonly Subject[]; hides?: true; call: () => Promise<Outcome> };

const stamp = Date.now().toString(36);
const newOrder = async () => (await placeOrder(db(), { shop: SHOP, customerName: "Matrix", items: [{ product: "butter-croissant", quantity: 1 }] }, { userId: users.get("owner")!.id })).order.id;
/** Marks an order collected (the state a rating needs), as the counter would. */
const collected = async (id: string) => (await db().order.update({ where: { id }, data: { status: "CLAIMED", claimedAt: new Date(), activePickupCode: null }, select: { id: true } })).id;
/** A guest's order: its id and the tracking token the guest was given. */
const guestOrder = async () => {
  const { order } = await placeOrder(db(), { shop: SHOP, customerName: "Guest", items: [{ product: "butter-croissant", quantity: 1 }] });
  return { id: order.id, token: order.trackingToken! };
};
const withToken = (path: string, token: string) => `${path}?token=${token}`;
/** A browser's push subscription (the shape FCM hands out): a new endpoint each time. */
let devices = 0;
const device = () => ({ endpoint: `https://fcm.googleapis.com/fcm/send/matrix-${stamp}-${++devices}`, keys: { p256dh: "B" + "A".repeat(86), auth: "A".repeat(22) } });
const req = (path: string, init?: RequestInit) => new Request(`http://127.0.0.1${path}`, init);
const post = (path: string, body: unknown) => req(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const params = <T,>(p: T) => ({ params: Promise.resolve(p) });
async function status(response: Promise<Response>): Promise<Outcome> {
  const r = await response;
  if (!r.headers.get("content-type")?.includes("application/json")) {
    await r.body?.cancel(); // streams: the status is the answer; close them
    return { status: r.status };
  }
  const body = (await r.json().catch(() => null)) as { error?: { message?: string } } | null;
  return { status: r.status, ...(body?.error?.message ? { message: body.error.message } : {}) };
}
const result = async (p: Promise<ActionResult<unknown> | null>): Promise<Outcome> => {
  try {
    const r = await p;
    return { result: r ?? { ok: true, data: null } };
  } catch (error) {
    if ((error as { redirected?: boolean }).redirected) return { redirected: true };
    throw error;
  }
};
const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

/** Every endpoint with who may use it. Imports are lazy so the mocks above apply. */
function endpoints(): Endpoint[] {
  return [
    // Route handlers
    // Slack's signature opens it, never a session (404 here: no signing secret configured); lib/integrations/slack/interactivity.int.test.ts tries it signed and unsigned.
    { name: "POST /api/integrations/slack/interactivity", allow: SUBJECTS, call: async () => status((await import("./api/integrations/slack/interactivity/route")).POST(req("/x", { method: "POST", body: "payload=%7B%7D" }))) },
    // Telegram's secret header opens it, never a session (404 here: no webhook secret configured); lib/integrations/telegram/webhook.int.test.ts tries it with and without.
    { name: "POST /api/integrations/telegram/webhook", allow: SUBJECTS, call: async () => status((await import("./api/integrations/telegram/webhook/route")).POST(req("/x", { method: "POST", body: "{}" }))) },
    // The webhook's signature (a secret per ClickUp connection) opens it, never a session (404 here: no such connection); lib/integrations/clickup/clickup.int.test.ts tries it signed, unsigned and forged.
    { name: "POST /api/integrations/clickup/webhook/:id", allow: SUBJECTS, call: async () => status((await import("./api/integrations/clickup/webhook/[id]/route")).POST(req("/x", { method: "POST", body: "{}" }), params({ id: "00000000-0000-4000-8000-000000000000" }))) },
    { name: "GET /api/health", allow: SUBJECTS, call: async () => status((await import("./api/health/route")).GET()) },
    // Metrics go to the scraper's bearer token (METRICS_TOKEN), never to a session.
    { name: "GET /api/metrics", allow: [], call: async () => status((await import("./api/metrics/route")).GET(req("/api/metrics"))) },
    { name: "POST /api/orders (guests may order)", allow: SUBJECTS, call: async () => status((await import("./api/orders/route")).POST(post("/api/orders", { shop: SHOP, customerName: "M", items: [{ product: "butter-croissant", quantity: 1 }] }))) },
    // Orders: an account's for its owner and the shop's staff; a guest's with its tracking token (lib/orders/access.ts).
    { name: "GET /api/orders/:id (an account's order)", allow: ["owner", ...STAFF], hides: true, call: async () => status((await import("./api/orders/[id]/route")).GET(req("/x"), params({ id: await newOrder() }))) },
    { name: "GET /api/orders/:id (a guest's order, id only)", allow: STAFF, hides: true, call: async () => status((await import("./api/orders/[id]/route")).GET(req("/x"), params({ id: (await guestOrder()).id }))) },
    { name: "GET /api/orders/:id (a guest's order, with its token)", allow: SUBJECTS, call: async () => { const o = await guestOrder(); return status((await import("./api/orders/[id]/route")).GET(req(withToken("/x", o.token)), params({ id: o.id }))); } },
    { name: "GET /api/orders/:id (a guest's order, a wrong token)", allow: STAFF, hides: true, call: async () => { const o = await guestOrder(); return status((await import("./api/orders/[id]/route")).GET(req(withToken("/x", "A".repeat(22))), params({ id: o.id }))); } },
    { name: "GET /api/orders/:id/events (stream, an account's order)", allow: ["owner", ...STAFF], hides: true, call: async () => status((await import("./api/orders/[id]/events/route")).GET(req("/x"), params({ id: await newOrder() }))) },
    { name: "GET /api/orders/:id/events (stream, a guest's order, id only)", allow: STAFF, hides: true, call: async () => status((await import("./api/orders/[id]/events/route")).GET(req("/x"), params({ id: (await guestOrder()).id }))) },
    { name: "GET /api/orders/:id/events (stream, a guest's order, with its token)", allow: SUBJECTS, call: async () => { const o = await guestOrder(); return status((await import("./api/orders/[id]/events/route")).GET(req(withToken("/x", o.token)), params({ id: o.id }))); } },
    { name: "POST /api/orders/:id/cancel (an account's order)", allow: ["owner", "admin"], hides: true, call: async () => status((await import("./api/orders/[id]/cancel/route")).POST(req("/x", { method: "POST" }), params({ id: await newOrder() }))) },
    { name: "POST /api/orders/:id/cancel (a guest's order, id only)", allow: ["admin"], hides: true, call: async () => status((await import("./api/orders/[id]/cancel/route")).POST(req("/x", { method: "POST" }), params({ id: (await guestOrder()).id }))) },
    { name: "POST /api/orders/:id/cancel (a guest's order, with its token)", allow: SUBJECTS, call: async () => { const o = await guestOrder(); return status((await import("./api/orders/[id]/cancel/route")).POST(req(withToken("/x", o.token), { method: "POST" }), params({ id: o.id }))); } },
    { name: "POST /api/orders/:id/push (an account's order)", allow: ["owner", "admin"], hides: true, call: async () => status((await import("./api/orders/[id]/push/route")).POST(post("/x", device()), params({ id: await newOrder() }))) },
    { name: "POST /api/orders/:id/push (a guest's order, id only)", allow: [], hides: true, call: async () => status((await import("./api/orders/[id]/push/route")).POST(post("/x", device()), params({ id: (await guestOrder()).id }))) },
    { name: "POST /api/orders/:id/push (a guest's order, with its token)", allow: SUBJECTS, call: async () => { const o = await guestOrder(); return status((await import("./api/orders/[id]/push/route")).POST(post(withToken("/x", o.token), device()), params({ id: o.id }))); } },
    { name: "DELETE /api/orders/:id/push (an account's order)", allow: ["owner", "admin"], hides: true, call: async () => status((await import("./api/orders/[id]/push/route")).DELETE(req("/x", { method: "DELETE", headers: { "content-type": "application/json" }, body: JSON.stringify({ endpoint: device().endpoint }) }), params({ id: await newOrder() }))) },
    { name: "POST /api/account/push", allow: SIGNED_IN, call: async () => status((await import("./api/account/push/route")).POST(post("/x", device()))) },
    { name: "DELETE /api/account/push", allow: SIGNED_IN, call: async () => status((await import("./api/account/push/route")).DELETE(req("/x", { method: "DELETE", headers: { "content-type": "application/json" }, body: JSON.stringify({ endpoint: device().endpoint }) }))) },
    { name: "GET /api/shops/:slug/board/events (public board stream)", allow: SUBJECTS, call: async () => status((await import("./api/shops/[slug]/board/events/route")).GET(req("/x"), params({ slug: SHOP }))) },
    { name: "GET /api/shops/:slug/queue", allow: STAFF, call: async () => status((await import("./api/shops/[slug]/queue/route")).GET(req("/x"), params({ slug: SHOP }))) },
    { name: "GET /api/shops/:slug/queue/events (stream)", allow: STAFF, call: async () => status((await import("./api/shops/[slug]/queue/events/route")).GET(req("/x"), params({ slug: SHOP }))) },
    { name: "GET /api/shops/:slug/claim", allow: STAFF, call: async () => status((await import("./api/shops/[slug]/claim/route")).GET(req("/x?code=ABC23"), params({ slug: SHOP }))) },
    { name: "POST /api/shops/:slug/claim", allow: STAFF, call: async () => status((await import("./api/shops/[slug]/claim/route")).POST(post("/x", { orderId: await newOrder() }), params({ slug: SHOP }))) },
    { name: "POST /api/shops/:slug/orders/:id/actions", allow: STAFF, call: async () => status((await import("./api/shops/[slug]/orders/[id]/actions/route")).POST(post("/x", { action: "start", version: 0 }), params({ slug: SHOP, id: await newOrder() }))) },

    // Crypto payments: an invoice is seen (payers, transactions) and asked for by whoever may see its order.
    { name: "GET /api/orders/:id/invoice (an account's order)", allow: ["owner", ...STAFF], hides: true, call: async () => status((await import("./api/orders/[id]/invoice/route")).GET(req("/x"), params({ id: await newOrder() }))) },
    { name: "GET /api/orders/:id/invoice (a guest's order, id only)", allow: STAFF, hides: true, call: async () => status((await import("./api/orders/[id]/invoice/route")).GET(req("/x"), params({ id: (await guestOrder()).id }))) },
    { name: "GET /api/orders/:id/invoice (a guest's order, with its token)", allow: SUBJECTS, call: async () => { const o = await guestOrder(); return status((await import("./api/orders/[id]/invoice/route")).GET(req(withToken("/x", o.token)), params({ id: o.id }))); } },
    { name: "POST /api/orders/:id/invoice (an account's order)", allow: ["owner", ...STAFF], hides: true, call: async () => status((await import("./api/orders/[id]/invoice/route")).POST(post("/x", { chainId: 31337, token: "USDC" }), params({ id: await newOrder() }))) },
    { name: "POST /api/orders/:id/invoice (a guest's order, id only)", allow: STAFF, hides: true, call: async () => status((await import("./api/orders/[id]/invoice/route")).POST(post("/x", { chainId: 31337, token: "USDC" }), params({ id: (await guestOrder()).id }))) },
    { name: "POST /api/orders/:id/refund", allow: MANAGERS, call: async () => status((await import("./api/orders/[id]/refund/route")).POST(post("/x", {}), params({ id: await newOrder() }))) },
    { name: "GET /api/payments/options", allow: SUBJECTS, call: async () => status((await import("./api/payments/options/route")).GET()) },
    // The dashboard of one named shop: its managers and admins.
    { name: "GET /api/dashboard", allow: MANAGERS, call: async () => status((await import("./api/dashboard/route")).GET(req(`/api/dashboard?shops=${SHOP}`))) },
    { name: "GET /api/dashboard/events (stream)", allow: MANAGERS, call: async () => status((await import("./api/dashboard/events/route")).GET(req(`/api/dashboard/events?shops=${SHOP}`))) },
    // Anyone may ask for a Sign-In with Ethereum nonce (rate limited per IP).
    { name: "POST /api/siwe/nonce", allow: SUBJECTS, call: async () => status((await import("./api/siwe/nonce/route")).POST(req("/api/siwe/nonce", { method: "POST" }))) },

    // Server actions
    { name: "action placeOrderAction", allow: SUBJECTS, call: async () => result((await import("./(shop)/actions")).placeOrderAction({ shop: SHOP, customerName: "M", items: [{ product: "butter-croissant", quantity: 1 }] }, `matrix-${stamp}-${Math.random()}`)) },
    { name: "action cancelOrderAction (an account's order)", allow: ["owner", "admin"], hides: true, call: async () => result((await import("./(shop)/actions")).cancelOrderAction(await newOrder(), null)) },
    { name: "action cancelOrderAction (a guest's order, with its token)", allow: SUBJECTS, call: async () => { const o = await guestOrder(); return result((await import("./(shop)/actions")).cancelOrderAction(o.id, o.token)); } },
    { name: "action cancelOrderAction (a guest's order, id only)", allow: ["admin"], hides: true, call: async () => result((await import("./(shop)/actions")).cancelOrderAction((await guestOrder()).id, null)) },
    // Rating a collected order: its customer only (the owner, or the guest's token); staff and admins see orders but never rate them.
    { name: "action rateOrderAction (an account's order)", allow: ["owner"], hides: true, call: async () => result((await import("./(shop)/rating-actions")).rateOrderAction(await collected(await newOrder()), null, { stars: 4, comment: "matrix" })) },
    { name: "action rateOrderAction (a guest's order, with its token)", allow: SUBJECTS, call: async () => { const o = await guestOrder(); await collected(o.id); return result((await import("./(shop)/rating-actions")).rateOrderAction(o.id, o.token, { stars: 4, comment: "matrix" })); } },
    { name: "action rateOrderAction (a guest's order, id only)", allow: [], hides: true, call: async () => { const o = await guestOrder(); return result((await import("./(shop)/rating-actions")).rateOrderAction(await collected(o.id), null, { stars: 4, comment: "matrix" })); } },
    { name: "action signUpAction (anyone may sign up)", allow: SUBJECTS, call: async () => result((await import("./(account)/actions")).signUpAction({ name: "M", email: `matrix-${stamp}-${Math.random().toString(36).slice(2)}@example.test`, password: "correct horse battery" })) },
    // Email confirmation and invitations: the link's token is the key; accepting needs the invited account.
    { name: "action resendConfirmationAction", allow: SIGNED_IN, call: async () => result((await import("./(account)/actions")).resendConfirmationAction()) },
    { name: "action confirmEmailAction (anyone holding a link)", allow: SUBJECTS, call: async () => result((await import("./(account)/actions")).confirmEmailAction("x".repeat(43))) },
    // The receipt's stop link is its own authority (an HMAC naming one account): whoever holds it may use it, signed in or not.
    { name: "action stopReceiptsAction (anyone holding a receipt's link)", allow: SUBJECTS, call: async () => result((await import("./(account)/actions")).stopReceiptsAction(receiptsOffToken(users.get("owner")!.id, env().NEXTAUTH_SECRET))) },
    { name: "POST /api/mail/receipts-off/:token (one-click, anyone holding the link)", allow: SUBJECTS, call: async () => status((await import("./api/mail/receipts-off/[token]/route")).POST(req("/x", { method: "POST", body: "List-Unsubscribe=One-Click" }), params({ token: receiptsOffToken(users.get("owner")!.id, env().NEXTAUTH_SECRET) }))) },
    { name: "GET /api/mail/receipts-off/:token (redirects to the page)", allow: SUBJECTS, call: async () => status((await import("./api/mail/receipts-off/[token]/route")).GET(req("/x"), params({ token: "anything" }))) },
    { name: "action acceptInviteAction", allow: SIGNED_IN, call: async () => result((await import("./(account)/actions")).acceptInviteAction("x".repeat(43))) },
    { name: "action changePasswordAction", allow: SIGNED_IN, call: async () => result((await import("./(account)/actions")).changePasswordAction(null, form({ currentPassword: "wrong password!", newPassword: "another long password" }))) },
    { name: "action setMailSettingAction", allow: SIGNED_IN, call: async () => result((await import("./(account)/actions")).setMailSettingAction("receipts", true)) },
    { name: "action signOutEverywhereAction", allow: SIGNED_IN, call: async () => result((await import("./(account)/actions")).signOutEverywhereAction()) },
    { name: "action telegramLinkCodeAction", allow: SIGNED_IN, call: async () => result((await import("./(account)/account/telegram-actions")).telegramLinkCodeAction()) },
    // Only an account's own chats: chat 1 is nobody's (signed in: not_found; anonymous: refused); lib/integrations/telegram/link.int.test.ts tries another's.
    { name: "action removePushDeviceAction", allow: SIGNED_IN, call: async () => result((await import("./(account)/account/push-actions")).removePushDeviceAction("00000000-0000-4000-8000-000000000000")) },
    { name: "action unlinkTelegramChatAction", allow: SIGNED_IN, call: async () => result((await import("./(account)/account/telegram-actions")).unlinkTelegramChatAction("1")) },
    // A made-up link token: past authorization it is "not valid" (lib/integrations/slack/links.ts); links.int.test tries real ones.
    { name: "action acceptSlackLinkAction", allow: SIGNED_IN, call: async () => result((await import("./(account)/account/slack-actions")).acceptSlackLinkAction("A".repeat(43))) },
    // Only an account's own links: this one is nobody's (signed in: not_found).
    { name: "action unlinkSlackUserAction", allow: SIGNED_IN, call: async () => result((await import("./(account)/account/slack-actions")).unlinkSlackUserAction("00000000-0000-7000-8000-000000000000", "UNOBODY")) },
    { name: "action reorderAction", allow: ["owner", "admin"], call: async () => result((await import("./(account)/account/orders/actions")).reorderAction(null, form({ orderId: await newOrder(), idempotencyKey: `matrix-${Math.random()}` }))) },
    { name: "action ticketAction", allow: STAFF, call: async () => result((await import("./barista/[shop]/actions")).ticketAction(SHOP, await newOrder(), { action: "start", version: 0 })) },
    { name: "action findPickup", allow: STAFF, call: async () => result((await import("./barista/[shop]/actions")).findPickup(SHOP, "ABC23")) },
    { name: "action markBaristaNotificationsRead", allow: STAFF, call: async () => result((await import("./barista/[shop]/actions")).markBaristaNotificationsRead(SHOP)) },
    { name: "GET /api/shops/:slug/notifications", allow: STAFF, call: async () => status((await import("./api/shops/[slug]/notifications/route")).GET(req("/x"), params({ slug: SHOP }))) },
    { name: "GET /api/shops/:slug/tasks", allow: STAFF, call: async () => status((await import("./api/shops/[slug]/tasks/route")).GET(req("/x"), params({ slug: SHOP }))) },
    { name: "action setOwnTaskStatusAction", allow: STAFF, call: async () => result((await import("./barista/[shop]/actions")).setOwnTaskStatusAction(SHOP, { taskId: crypto.randomUUID(), status: "DONE" })) },
    { name: "action confirmPickup", allow: STAFF, call: async () => result((await import("./barista/[shop]/actions")).confirmPickup(SHOP, await newOrder(), "ABC23")) },
    { name: "action updateProductAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).updateProductAction(SHOP, { productId, priceCents: null, available: true })) },
    { name: "action updateOptionAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).updateOptionAction(SHOP, { optionId, priceDeltaCents: null, available: true })) },
    { name: "action updateSettingsAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).updateSettingsAction(SHOP, { taxRateBps: -1 })) },
    { name: "action assignStaffAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).assignStaffAction(SHOP, { email: `invitee-${stamp}@example.test`, role: "BARISTA" })) },
    { name: "action removeStaffAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).removeStaffAction(SHOP, "00000000-0000-4000-8000-000000000000")) },
    { name: "action createShopAction", allow: ["admin"], call: async () => result((await import("./admin/actions")).createShopAction({ name: "" })) },
    { name: "action decideProposalAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).decideProposalAction(SHOP, { proposalId: "00000000-0000-4000-8000-000000000000", decision: "APPROVED" })) },
    // A manager's request to the beverage inventor: an outbox row for their shop (refused with a sentence while a new drink waits; lib/agents/inventor/inventor.int.test.ts).
    { name: "action suggestDrinkAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).suggestDrinkAction(SHOP)) },
    // Tastings: the shop's staff score, its managers close; the id names no tasting, so an allowed call is "not found" (lib/agents/tasting/tasting.int.test.ts).
    { name: "action scoreTastingAction", allow: STAFF, call: async () => result((await import("./manager/[shop]/actions")).scoreTastingAction(SHOP, { tastingId: "00000000-0000-4000-8000-000000000000", score: 4 })) },
    { name: "action closeTastingAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).closeTastingAction(SHOP, { tastingId: "00000000-0000-4000-8000-000000000000" })) },
    { name: "action markNotificationsReadAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).markNotificationsReadAction(SHOP)) },
    // A transfer is approved in the sending shop (decideProposalAction) and counted in by the receiving shop; a manager of another shop is refused at the door, and a proposal of another shop is "not found" (lib/agents/coordinator/coordinator.int.test.ts).
    { name: "action receiveTransferAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).receiveTransferAction(SHOP, { proposalId: "00000000-0000-4000-8000-000000000000", quantity: 1 })) },
    // Tasks: a manager of another shop is refused at the door; a task of another shop is "not found" through one's own (lib/agents/tasks/tasks.int.test.ts).
    { name: "action assignTaskAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).assignTaskAction(SHOP, { taskId: "00000000-0000-4000-8000-000000000000", ownerId: null })) },
    { name: "action renameTaskAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).renameTaskAction(SHOP, { taskId: "00000000-0000-4000-8000-000000000000", title: "Nobody's task" })) },
    { name: "action rescheduleTaskAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).rescheduleTaskAction(SHOP, { taskId: "00000000-0000-4000-8000-000000000000", due: "2026-12-10T16:30" })) },
    { name: "action setTaskStatusAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).setTaskStatusAction(SHOP, { taskId: "00000000-0000-4000-8000-000000000000", status: "DONE" })) },
    // The shop's calendar of special days (the Staffing plan screen, `staff:manage`): an invalid day and an id that names nothing, so nothing changes (lib/shops/special-days.int.test.ts adds and removes).
    { name: "action addSpecialDayAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/staffing/actions")).addSpecialDayAction(SHOP, { date: "2026-02-30", name: "", kind: "level", levelPct: null })) },
    { name: "action removeSpecialDayAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/staffing/actions")).removeSpecialDayAction(SHOP, { id: "00000000-0000-4000-8000-000000000000" })) },
    { name: "action receiveDeliveryAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).receiveDeliveryAction(SHOP, { lines: [] })) },
    { name: "action saveSupplierAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).saveSupplierAction(SHOP, { ingredientId: "00000000-0000-4000-8000-000000000000" })) },
    // Social posts (/manager/:shop/social): the shop's managers and admins; the ids name nothing, so nothing changes (lib/integrations/mastodon/mastodon.int.test.ts publishes).
    { name: "action draftPostAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/social/actions")).draftPostAction(SHOP, "00000000-0000-4000-8000-000000000000")) },
    { name: "action draftSpecialAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/social/actions")).draftSpecialAction(SHOP)) },
    { name: "action approvePostAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/social/actions")).approvePostAction(SHOP, { proposalId: "00000000-0000-4000-8000-000000000000", text: "x" })) },
    { name: "action rejectPostAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/social/actions")).rejectPostAction(SHOP, { proposalId: "00000000-0000-4000-8000-000000000000" })) },
    { name: "action publishPostAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/social/actions")).publishPostAction(SHOP, { proposalId: "00000000-0000-4000-8000-000000000000" })) },
    // Integrations: admins only; the ids name nothing, so an admin's call changes nothing either.
    { name: "action startXAuthorizationAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).startXAuthorizationAction({ name: "" })) },
    { name: "action reauthorizeXAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).reauthorizeXAction("00000000-0000-4000-8000-000000000000")) },
    { name: "GET /api/integrations/x/callback", allow: ["admin"], call: async () => status((await import("./api/integrations/x/callback/route")).GET(req("/x?state=s&code=c"))) },
    { name: "action connectXAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).connectXAction({ name: "" })) },
    { name: "action connectMastodonAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).connectMastodonAction({ name: "" })) },
    { name: "action connectSlackAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).connectSlackAction({ name: "" })) },
    { name: "action reconnectAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).reconnectAction("00000000-0000-4000-8000-000000000000", "xoxb-x")) },
    { name: "action connectClickUpAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).connectClickUpAction({ name: "" })) },
    { name: "action configureIntegrationAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).configureIntegrationAction("00000000-0000-7000-8000-000000000000", { name: "" })) },
    { name: "action changeClickUpStatusesAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).changeClickUpStatusesAction("00000000-0000-4000-8000-000000000000", { OPEN: "to do", IN_PROGRESS: "in progress", DONE: "complete", CANCELLED: "closed" })) },
    { name: "action connectAirtableAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).connectAirtableAction({ name: "" })) },
    { name: "action connectSheetsAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).connectSheetsAction({ name: "" })) },
    { name: "action sendTestAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).sendTestAction("00000000-0000-4000-8000-000000000000")) },
    { name: "action setPausedAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).setPausedAction("00000000-0000-4000-8000-000000000000", true)) },
    { name: "action removeIntegrationAction", allow: ["admin"], call: async () => result((await import("./admin/integrations/actions")).removeIntegrationAction("00000000-0000-4000-8000-000000000000")) },
    // The treasury desk (/admin/treasury): admins only. Inputs are invalid or unknown, so nothing changes.
    { name: "GET /admin/treasury/trades.csv", allow: ["admin"], call: async () => status((await import("./admin/treasury/trades.csv/route")).GET()) },
    { name: "action createBotAction", allow: ["admin"], call: async () => result((await import("./admin/treasury/actions")).createBotAction({ name: "" })) },
    { name: "action startBotAction", allow: ["admin"], call: async () => result((await import("./admin/treasury/actions")).startBotAction("00000000-0000-4000-8000-000000000000")) },
    { name: "action stopBotAction", allow: ["admin"], call: async () => result((await import("./admin/treasury/actions")).stopBotAction("00000000-0000-4000-8000-000000000000")) },
    { name: "action killSwitchAction", allow: ["admin"], call: async () => result((await import("./admin/treasury/actions")).killSwitchAction(false)) },
    { name: "action saveAllowlistsAction", allow: ["admin"], call: async () => result((await import("./admin/treasury/actions")).saveAllowlistsAction({ pools: "all" })) },
    { name: "action saveGuardLimitsAction", allow: ["admin"], call: async () => result((await import("./admin/treasury/actions")).saveGuardLimitsAction({ maxTradeUsd: "" })) },
    { name: "action saveCashPolicyAction", allow: ["admin"], call: async () => result((await import("./admin/treasury/actions")).saveCashPolicyAction({ cashDays: "" })) },
    { name: "action decideLendingMoveAction", allow: ["admin"], call: async () => result((await import("./admin/treasury/actions")).decideLendingMoveAction("00000000-0000-4000-8000-000000000000", true)) },
    { name: "action cancelInviteAction", allow: MANAGERS, call: async () => result((await import("./manager/[shop]/actions")).cancelInviteAction(SHOP, `nobody-${stamp}@example.test`)) },
  ];
}

/** Routes and actions that are not in the matrix, and why. */
const EXEMPT: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts GET,POST": "next-auth's own endpoints (CSRF token, credential callback, session)",
};

const REFUSED = new Set(["unauthenticated", "forbidden"]);
const denied = (o: Outcome, hides: boolean) =>
  "status" in o
    ? o.status === 401 || o.status === 403 || (hides && o.status === 404 && o.message === NO_SUCH_ORDER)
    : "result" in o
      ? !o.result.ok && (REFUSED.has(o.result.error.code) || (hides && o.result.error.message === NO_SUCH_ORDER))
      : false;
const failed = (o: Outcome) => ("status" in o ? o.status >= 500 : "result" in o ? !o.result.ok && o.result.error.code === "internal" : false);

beforeAll(async () => {
  await seed(db(), { historyDays: 0 });
  const shop = await db().shop.findUniqueOrThrow({ where: { slug: SHOP } });
  const other = await db().shop.findUniqueOrThrow({ where: { slug: OTHER_SHOP } });
  shopId = shop.id;
  const listing = await db().shopProduct.findFirstOrThrow({ where: { shopId }, include: { product: { include: { optionGroups: { include: { optionGroup: { include: { options: true } } } } } } }, orderBy: { productId: "asc" } });
  productId = listing.productId;
  optionId = (await db().option.findFirstOrThrow({ where: { group: { products: { some: { product: { shops: { some: { shopId } } } } } } } })).id;

  const person = async (name: string, membership?: { shopId: string; role: "BARISTA" | "MANAGER" }) => {
    const u = await signUp(db(), { name, email: `${name.toLowerCase()}-${stamp}@example.test`, password: "correct horse battery" });
    if (membership) {
      await db().shopMember.create({ data: { userId: u.id, ...membership } });
      await db().user.update({ where: { id: u.id }, data: { role: membership.role } });
    }
    return (await loadSessionUser(db(), u.id))!;
  };
  users.set("anonymous", null);
  users.set("owner", await person("Owner"));
  users.set("otherCustomer", await person("Other"));
  users.set("barista", await person("Barista", { shopId, role: "BARISTA" }));
  users.set("baristaElsewhere", await person("Elsewhere", { shopId: other.id, role: "BARISTA" }));
  users.set("manager", await person("Manager", { shopId, role: "MANAGER" }));
  users.set("managerElsewhere", await person("Faraway", { shopId: other.id, role: "MANAGER" }));
  const admin = await db().user.findUniqueOrThrow({ where: { email: "admin@gocoffee.test" } });
  users.set("admin", await loadSessionUser(db(), admin.id));
});
afterAll(() => {
  session = null;
});

describe("authorization matrix", () => {
  it("lets exactly the expected users through every route, action and stream", async () => {
    const unexpected: string[] = [];
    let cells = 0;
    for (const endpoint of endpoints()) {
      for (const subject of SUBJECTS) {
        session = users.get(subject) ?? null;
        const outcome = await endpoint.call().catch((error: unknown) => ({ error }));
        session = null;
        cells++;
        if ("error" in outcome) {
          unexpected.push(`${endpoint.name} as ${subject}: threw ${String(outcome.error)}`);
          continue;
        }
        if (failed(outcome)) {
          unexpected.push(`${endpoint.name} as ${subject}: failed with ${JSON.stringify(outcome).slice(0, 160)}`);
          continue;
        }
        const expected = endpoint.allow.includes(subject);
        if (expected === denied(outcome, endpoint.hides === true)) unexpected.push(`${endpoint.name} as ${subject}: expected ${expected ? "allowed" : "denied"}, got ${JSON.stringify(outcome).slice(0, 160)}`);
      }
    }
    console.info(`authorization matrix: ${endpoints().length} endpoints × ${SUBJECTS.length} subjects = ${cells} cells`);
    expect(unexpected).toEqual([]);
  });

  it("covers every route handler and server action in app/", () => {
    const covered = new Set(endpoints().map((e) => e.name));
    const missing: string[] = [];
    for (const file of walk("app")) {
      const source = readFileSync(file, "utf8");
      if (file.endsWith("/route.ts")) {
        const methods = [...source.matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
        const reexported = /export \{ handler as GET, handler as POST \}/.test(source) ? ["GET", "POST"] : [];
        const all = [...methods, ...reexported];
        if (EXEMPT[`${file} ${all.join(",")}`]) continue;
        const path = "/" + relative("app", file).replace(/\/route\.ts$/, "").replace(/\[(\.\.\.)?(\w+)\]/g, ":$2").replace(/:id/g, ":id");
        for (const m of all) if (![...covered].some((name) => name.startsWith(`${m} ${path}`))) missing.push(`${m} ${path} (${file})`);
      } else if (/^\s*"use server";/m.test(source.split("\n").slice(0, 3).join("\n"))) {
        for (const [, name] of source.matchAll(/export async function (\w+)/g)) if (![...covered].some((c) => c.startsWith(`action ${name}`))) missing.push(`action ${name} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });
});

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (/\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry)) yield path;
  }
}
