"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { authorize } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { connectAirtable } from "@/lib/integrations/airtable/store";
import { changeClickUpStatuses, connectClickUp } from "@/lib/integrations/clickup/store";
import { configureIntegration } from "@/lib/integrations/configure";
import { reconnect } from "@/lib/integrations/connections";
import { integrationSettingsOrRefuse } from "@/lib/integrations/setup";
import { connectSheets } from "@/lib/integrations/sheets/store";
import { connectMastodon, connectSlack, enqueueTest, removeIntegration, setPaused } from "@/lib/integrations/store";
import { X_AUTHORIZATION_COOKIE, X_CALLBACK_PATH } from "@/lib/integrations/x/oauth";
import { connectX, startXAuthorization, startXReauthorization } from "@/lib/integrations/x/store";

/** Admins connect and run outside services (/admin/integrations). Tokens come in here and never go back out. */

async function admin() {
  const user = authorize(await getSessionUser(), "integrations:manage");
  return { id: user.id, email: user.email, name: user.name };
}

export async function connectSlackAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await admin();
    const { ring, slack } = integrationSettingsOrRefuse(env());
    const result = await connectSlack(db(), ring, slack, input, actor);
    revalidatePath("/admin/integrations");
    return result;
  });
}

/** A ClickUp list for the shops' tasks: the token and list are checked and a webhook registered there before anything is stored. */
export async function connectClickUpAction(input: unknown): Promise<ActionResult<{ id: string; queued: number }>> {
  return runAction(async () => {
    const actor = await admin();
    const { ring, clickup } = integrationSettingsOrRefuse(env());
    const result = await connectClickUp(db(), ring, clickup, input, env().APP_URL, actor);
    revalidatePath("/admin/integrations");
    return result;
  });
}

/** An X account for the shops' approved social posts (API base URL + OAuth 2.0 user access token, checked with GET /2/users/me). */
export async function connectXAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await admin();
    const { ring, x } = integrationSettingsOrRefuse(env());
    const result = await connectX(db(), ring, x, input, actor);
    revalidatePath("/admin/integrations");
    return result;
  });
}

/**
 * "Connect with X": where to send the admin (X's consent page). What the callback needs goes in a
 * sealed, HTTP-only cookie that only the callback's path receives, for 10 minutes.
 */
export async function startXAuthorizationAction(input: unknown): Promise<ActionResult<{ url: string }>> {
  return runAction(async () => {
    const actor = await admin();
    const { ring } = integrationSettingsOrRefuse(env());
    return handOverToX(await startXAuthorization(db(), ring, input, actor.id, xCallbackUrl()));
  });
}

const xCallbackUrl = () => new URL(X_CALLBACK_PATH, env().APP_URL).toString();

async function handOverToX({ url, sealed }: { url: string; sealed: string }): Promise<{ url: string }> {
  (await cookies()).set(X_AUTHORIZATION_COOKIE, sealed, { httpOnly: true, sameSite: "lax", secure: env().APP_URL.startsWith("https:"), path: X_CALLBACK_PATH, maxAge: 600 });
  return { url };
}

/** "Connect with X again" for a broken connection made with X's consent page: the same journey, renewing that connection. */
export async function reauthorizeXAction(id: string): Promise<ActionResult<{ url: string }>> {
  return runAction(async () => {
    const actor = await admin();
    const { ring } = integrationSettingsOrRefuse(env());
    return handOverToX(await startXReauthorization(db(), ring, String(id), actor.id, xCallbackUrl()));
  });
}

/** A Mastodon account for the shops' approved social posts (instance URL + access token, checked with verify_credentials). */
export async function connectMastodonAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await admin();
    const { ring, mastodon } = integrationSettingsOrRefuse(env());
    const result = await connectMastodon(db(), ring, mastodon, input, actor);
    revalidatePath("/admin/integrations");
    return result;
  });
}

/** A Google spreadsheet for the shops' days (service account key checked with Google, the spreadsheet shared with it). */
export async function connectSheetsAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const actor = await admin();
    const { ring, sheets } = integrationSettingsOrRefuse(env());
    const result = await connectSheets(db(), ring, sheets, input, actor);
    revalidatePath("/admin/integrations");
    return result;
  });
}

/** An Airtable base for the shops' menus, options and recipes (token checked, the three tables made there when missing). */
export async function connectAirtableAction(input: unknown): Promise<ActionResult<{ id: string; prepared: string[] }>> {
  return runAction(async () => {
    const actor = await admin();
    const { ring, airtable } = integrationSettingsOrRefuse(env());
    const result = await connectAirtable(db(), ring, airtable, input, actor);
    revalidatePath("/admin/integrations");
    return result;
  });
}

export async function reconnectAction(id: string, token: unknown): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await admin();
    await reconnect(db(), integrationSettingsOrRefuse(env()), id, token, actor);
    revalidatePath("/admin/integrations");
    return null;
  });
}

/** A connection's label, shops and (Slack) messages, changed after connecting. */
export async function configureIntegrationAction(id: string, input: unknown): Promise<ActionResult<{ changed: boolean }>> {
  return runAction(async () => {
    const actor = await admin();
    const result = await configureIntegration(db(), id, input, env().APP_URL, actor);
    revalidatePath("/admin/integrations");
    return result;
  });
}

/** A ClickUp connection's status names, changed after connecting (checked against the list). */
export async function changeClickUpStatusesAction(id: string, input: unknown): Promise<ActionResult<{ changed: boolean; queued: number }>> {
  return runAction(async () => {
    const actor = await admin();
    const { ring, clickup } = integrationSettingsOrRefuse(env());
    const result = await changeClickUpStatuses(db(), ring, clickup, id, input, env().APP_URL, actor);
    revalidatePath("/admin/integrations");
    return result;
  });
}

export async function sendTestAction(id: string): Promise<ActionResult<{ deliveryId: string }>> {
  return runAction(async () => {
    const actor = await admin();
    const result = await enqueueTest(db(), id, actor.name);
    revalidatePath("/admin/integrations");
    return result;
  });
}

export async function setPausedAction(id: string, paused: boolean): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await admin();
    await setPaused(db(), id, paused === true, actor);
    revalidatePath("/admin/integrations");
    return null;
  });
}

export async function removeIntegrationAction(id: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const actor = await admin();
    const { ring, clickup } = integrationSettingsOrRefuse(env());
    await removeIntegration(db(), id, actor, { ring, clickup });
    revalidatePath("/admin/integrations");
    return null;
  });
}
