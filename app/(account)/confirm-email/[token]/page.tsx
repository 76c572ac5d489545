import type { Metadata } from "next";
import { ConfirmEmailButton } from "./confirm-email-button";

export const metadata: Metadata = { title: "Confirm your email", robots: { index: false } };

/**
 * /confirm-email/:token — the link in a confirmation mail. Confirming takes a click: mail
 * scanners that open every link must not spend it.
 */
export default async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <div className="grid max-w-md gap-5">
      <h1 className="text-2xl font-bold tracking-tight">Confirm your email</h1>
      <p className="text-espresso/80">One click to confirm that this address is yours.</p>
      <ConfirmEmailButton token={token} />
    </div>
  );
}
