import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { errorResponse, json } from "@/lib/http/responses";
import { turnReceiptsOff } from "@/lib/mail/receipts-off";

type Context = { params: Promise<{ token: string }> };

/**
 * The List-Unsubscribe address in every receipt (lib/mail/receipt.ts).
 * POST: one-click unsubscribe (RFC 8058): the mail provider posts `List-Unsubscribe=One-Click`;
 * receipts go off for the account the token names. A token the platform did not make is a 422 and
 * changes nothing.
 * GET: a mail client that opens the address in a browser gets the page with its button: opening
 * a link changes nothing (mail scanners open every link).
 */
export async function POST(_request: Request, { params }: Context) {
  try {
    const { email } = await turnReceiptsOff(db(), (await params).token, env().NEXTAUTH_SECRET);
    return json({ receipts: "off", email });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function GET(_request: Request, { params }: Context) {
  return Response.redirect(new URL(`/receipts/stop/${encodeURIComponent((await params).token)}`, env().APP_URL), 303);
}
