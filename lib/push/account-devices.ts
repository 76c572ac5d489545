import { createHash } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { pushServiceName } from "./endpoints";
import { endpointToStop, parseDevice } from "./subscriptions";

/** Devices one account may have told about its orders: phones, laptops, a tablet; not a list someone fills by script. */
export const MAX_DEVICES_PER_ACCOUNT = 10;

/**
 * This device is told about every order of the signed-in account (ready, cancelled), whichever
 * page or device placed it. The caller has checked the session: `userId` is the account's own.
 * The same device checks as an order's (`parseDevice`), at most MAX_DEVICES_PER_ACCOUNT devices;
 * asking again from the same device updates its keys.
 */
export async function followAccount(db: Db, userId: string, body: unknown, extraOrigins: readonly string[]): Promise<{ devices: number }> {
  const sub = parseDevice(body, extraOrigins);
  return db.$transaction(async (tx) => {
    // Serialise this account's devices, so two at once cannot both pass the cap.
    const [user] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
    if (!user) throw new DomainError("unauthenticated", "Sign in to continue.");
    const existing = await tx.accountPushDevice.findUnique({ where: { userId_endpoint: { userId, endpoint: sub.endpoint } }, select: { id: true } });
    if (existing) {
      await tx.accountPushDevice.update({ where: { id: existing.id }, data: { p256dh: sub.keys.p256dh, auth: sub.keys.auth, lastError: null } });
    } else {
      const devices = await tx.accountPushDevice.count({ where: { userId } });
      if (devices >= MAX_DEVICES_PER_ACCOUNT) throw new DomainError("conflict", `Your account already notifies ${MAX_DEVICES_PER_ACCOUNT} devices: turn one off (sign out on it, or sign out everywhere) first.`);
      await tx.accountPushDevice.create({ data: { userId, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth } });
    }
    return { devices: await tx.accountPushDevice.count({ where: { userId } }) };
  });
}

/** This device stops being told ("Turn off", or its owner signing out on it). */
export async function unfollowAccount(db: Db, userId: string, endpoint: unknown): Promise<{ removed: number }> {
  const { count } = await db.accountPushDevice.deleteMany({ where: { userId, endpoint: endpointToStop(endpoint) } });
  return { removed: count };
}

/**
 * A device of the account as the Account page lists it: which push service it subscribed through
 * (the browser family; no user agent is kept), when it was added and last told, the last refusal,
 * and the SHA-256 of its endpoint, hex (the page compares its own to mark "This device"; the
 * endpoint itself never goes to the page).
 */
export type AccountDevice = { id: string; service: string; hash: string; addedAt: string; lastSentAt: string | null; lastError: string | null };

export async function accountDevices(db: Db, userId: string): Promise<AccountDevice[]> {
  const devices = await db.accountPushDevice.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, select: { id: true, endpoint: true, createdAt: true, lastSentAt: true, lastError: true } });
  return devices.map((d) => ({
    id: d.id,
    service: pushServiceName(d.endpoint),
    hash: createHash("sha256").update(d.endpoint).digest("hex"),
    addedAt: d.createdAt.toISOString(),
    lastSentAt: d.lastSentAt?.toISOString() ?? null,
    lastError: d.lastError,
  }));
}

/** "Remove" on the Account page: another of the account's devices stops being told (a lost phone, an old laptop). */
export async function removeAccountDevice(db: Db, userId: string, deviceId: unknown): Promise<void> {
  const id = z.uuid().safeParse(deviceId);
  if (!id.success) throw new DomainError("invalid", "device: not a device id");
  // Scoped to the account: another account's device id removes nothing and is not told apart from an unknown one.
  const { count } = await db.accountPushDevice.deleteMany({ where: { id: id.data, userId } });
  if (count === 0) throw new DomainError("not_found", "Your account has no such device (it may have been removed already).");
}
