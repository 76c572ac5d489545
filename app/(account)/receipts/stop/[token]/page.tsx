import type { Metadata } from "next";
import Link from "next/link";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { receiptsOffTarget } from "@/lib/mail/receipts-off";
import { StopReceiptsButton } from "./stop-receipts-button";

export const metadata: Metadata = { title: "Stop receipt emails", robots: { index: false } };

/**
 * /receipts/stop/:token — the "stop receipt emails" link in every receipt, no sign-in needed.
 * Stopping takes a click: mail scanners that open every link must not turn anything off.
 */
export default async function StopReceiptsPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const target = await receiptsOffTarget(db(), token, env().NEXTAUTH_SECRET).catch((error: unknown) => {
    if (error instanceof DomainError) return { error: error.message };
    throw error;
  });
  return (
    <div className="grid max-w-md gap-5">
      <h1 className="text-2xl font-bold tracking-tight">Stop receipt emails</h1>
      {"error" in target ? (
        <p role="alert" className="rounded-xl bg-red-50 px-3.5 py-2.5 text-red-800 ring-1 ring-red-700/15">
          {target.error}
        </p>
      ) : target.on ? (
        <>
          <p className="text-espresso/80">
            {target.guest
              ? `We email ${target.email} a receipt when an order placed with this address is collected. One click stops them for this address, for good.`
              : `We email ${target.email} a receipt for every order collected. One click stops them; you can turn them back on on your account page.`}
          </p>
          <StopReceiptsButton token={token} />
        </>
      ) : (
        <p role="status" className="text-espresso/80">Receipt emails to {target.email} are already off.</p>
      )}
      <p className="text-sm text-espresso/70">
        Signed in? Your <Link href="/account" className="font-semibold underline underline-offset-2">account page</Link> has the same setting.
      </p>
    </div>
  );
}
