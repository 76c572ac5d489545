"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { authorize } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { createBot, setBotRunning } from "@/lib/trading/bots";
import { setKillSwitch, treasuryControl } from "@/lib/trading/desk";
import { updateAllowlists } from "@/lib/trading/allowlist";
import { updateGuardLimits } from "@/lib/trading/limits";
import { localWethUsdc } from "@/lib/defi/venues";
import { decideYieldMoveAs, updateCashPolicy } from "@/lib/trading/yield-admin";

/** The treasury desk's switches: admins only (policy "treasury:manage"). */

export async function createBotAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    authorize(await getSessionUser(), "treasury:manage");
    const bot = await createBot(db(), input);
    revalidatePath("/admin/treasury");
    return { id: bot.id };
  });
}

export async function startBotAction(id: unknown): Promise<ActionResult<null>> {
  return runAction(async () => {
    authorize(await getSessionUser(), "treasury:manage");
    await setBotRunning(db(), id, true);
    revalidatePath("/admin/treasury");
    return null;
  });
}

export async function stopBotAction(id: unknown): Promise<ActionResult<null>> {
  return runAction(async () => {
    authorize(await getSessionUser(), "treasury:manage");
    await setBotRunning(db(), id, false);
    revalidatePath("/admin/treasury");
    return null;
  });
}

/** On: every bot stops now and the desk takes no trade until it is released. */
export async function killSwitchAction(on: unknown): Promise<ActionResult<null>> {
  return runAction(async () => {
    authorize(await getSessionUser(), "treasury:manage");
    await treasuryControl(db(), localWethUsdc());
    await setKillSwitch(db(), on === true);
    revalidatePath("/admin/treasury");
    return null;
  });
}

/** The guard's limits, from the next block on; audited. Returns the change in words (null: none). */
export async function saveGuardLimitsAction(input: unknown): Promise<ActionResult<{ summary: string | null }>> {
  return runAction(async () => {
    const admin = authorize(await getSessionUser(), "treasury:manage");
    const summary = await updateGuardLimits(db(), localWethUsdc(), { id: admin.id, email: admin.email }, input);
    revalidatePath("/admin/treasury");
    return { summary };
  });
}

/** The guard's allowlists (which of the desk's tokens and pools bots may trade), from the next block on; audited. */
export async function saveAllowlistsAction(input: unknown): Promise<ActionResult<{ summary: string | null }>> {
  return runAction(async () => {
    const admin = authorize(await getSessionUser(), "treasury:manage");
    const summary = await updateAllowlists(db(), localWethUsdc(), { id: admin.id, email: admin.email }, input);
    revalidatePath("/admin/treasury");
    return { summary };
  });
}

/** The cash policy the worker proposes lending moves by; audited. */
export async function saveCashPolicyAction(input: unknown): Promise<ActionResult<{ summary: string | null }>> {
  return runAction(async () => {
    const admin = authorize(await getSessionUser(), "treasury:manage");
    const summary = await updateCashPolicy(db(), localWethUsdc(), { id: admin.id, email: admin.email }, input);
    revalidatePath("/admin/treasury");
    return { summary };
  });
}

/** Approve (the worker carries it out on its next pass) or reject the open lending proposal; audited. */
export async function decideLendingMoveAction(id: unknown, approve: unknown): Promise<ActionResult<null>> {
  return runAction(async () => {
    const admin = authorize(await getSessionUser(), "treasury:manage");
    await decideYieldMoveAs(db(), { id: admin.id, email: admin.email }, { id, approve: approve === true });
    revalidatePath("/admin/treasury");
    return null;
  });
}
