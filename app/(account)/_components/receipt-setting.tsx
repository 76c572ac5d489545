"use client";

import { useState } from "react";
import { ChoiceRow } from "@/components/ui/choice-row";
import { setReceiptEmailsAction } from "../actions";

/** "Email me a receipt when I collect an order": saved as soon as it is ticked or unticked. */
export function ReceiptSetting({ initial, confirmed }: { initial: boolean; confirmed: boolean }) {
  const [on, setOn] = useState(initial);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function change(next: boolean) {
    setPending(true);
    setOn(next);
    const result = await setReceiptEmailsAction(next).catch(() => null);
    setPending(false);
    if (!result || !result.ok) {
      setOn(!next);
      setMessage(result ? result.error.message : "That did not reach the server. Try again.");
      return;
    }
    setMessage(result.data.on ? "Saved: we will email you a receipt for each order you collect." : "Saved: we will not email you receipts.");
  }

  return (
    <div className="grid max-w-lg gap-3">
      <ChoiceRow
        id="receipt-emails"
        type="checkbox"
        name="receiptEmails"
        value="on"
        label="Email me a receipt when I collect an order"
        description={confirmed ? "Items, tax, discounts, tip, total and how you paid (for crypto: chain, token, amount and transaction)." : "Receipts go to confirmed addresses only: confirm your email above to get them."}
        checked={on}
        disabled={pending}
        onChange={(e) => void change(e.target.checked)}
      />
      {message ? (
        <p role="status" className="text-sm text-espresso/70">
          {message}
        </p>
      ) : null}
    </div>
  );
}
