import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
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

/** The account's devices as the Account page names them to the browser: SHA-256 of each endpoint, hex (the page compares its own). */
export async function accountDeviceHashes(db: Db, userId: string): Promise<string[]> {
  const devices = await db.accountPushDevice.findMany({ where: { userId }, select: { endpoint: true } });
  return devices.map((d) => createHash("sha256").update(d.endpoint).digest("hex"));
}
