"use client";

import { useState } from "react";
import { ChoiceRow } from "@/components/ui/choice-row";
import type { MailSetting as Setting } from "@/lib/mail/preferences";
import { setMailSettingAction } from "../actions";

/** One "Email me …" checkbox of the account page, saved as soon as it is ticked or unticked. */
export function MailSetting({ setting, label, description, initial, savedOn, savedOff }: { setting: Setting; label: string; description: string; initial: boolean; savedOn: string; savedOff: string }) {
  const [on, setOn] = useState(initial);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function change(next: boolean) {
    setPending(true);
    setOn(next);
    const result = await setMailSettingAction(setting, next).catch(() => null);
    setPending(false);
    if (!result || !result.ok) {
      setOn(!next);
      setMessage(result ? result.error.message : "That did not reach the server. Try again.");
      return;
    }
    setMessage(result.data.on ? savedOn : savedOff);
  }

  return (
    <div className="grid max-w-lg gap-3">
      <ChoiceRow id={`${setting}-emails`} type="checkbox" name={`${setting}Emails`} value="on" label={label} description={description} checked={on} disabled={pending} onChange={(e) => void change(e.target.checked)} />
      {message ? (
        <p role="status" className="text-sm text-espresso/70">
          {message}
        </p>
      ) : null}
    </div>
  );
}
