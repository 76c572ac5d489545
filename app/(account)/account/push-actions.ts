"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireUser } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { removeAccountDevice } from "@/lib/push/account-devices";

/** "Remove" beside one of the signed-in account's devices: it stops being told about the account's orders. */
export async function removePushDeviceAction(deviceId: string): Promise<ActionResult<{ removed: true }>> {
  return runAction(async () => {
    const user = requireUser(await getSessionUser());
    await removeAccountDevice(db(), user.id, deviceId);
    revalidatePath("/account");
    return { removed: true as const };
  });
}
