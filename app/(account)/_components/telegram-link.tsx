"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { sentence } from "@/components/ui/sentence";
import { telegramLinkCodeAction, unlinkTelegramChatAction } from "../account/telegram-actions";

/** Issues the one-time code a Telegram chat sends as `/link <code>`, and lists the linked chats. */
/**
 * `staff`: the person manages a shop (linked chats get the agents' warnings and critical alerts) or
 * works its bar (the bar's: an ingredient out, a rush); lib/integrations/telegram/alerts.ts.
 */
export function TelegramLink({ chats, staff }: { chats: { chatId: string; linkedAt: string; blockedAt: string | null }[]; staff: "manager" | "barista" | null }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ code: string; expiresAt: string } | null>(null);

  async function getCode() {
    setPending(true);
    setError(null);
    const result = await telegramLinkCodeAction();
    setPending(false);
    if (!result.ok) return setError(sentence(result.error.message));
    setIssued(result.data);
  }

  async function unlink(chatId: string) {
    setError(null);
    const result = await unlinkTelegramChatAction(chatId);
    if (!result.ok) return setError(sentence(result.error.message));
    router.refresh();
  }

  return (
    <div className="grid gap-4">
      <FormError message={error} />
      <p className="text-sm text-espresso/70">Order from our Telegram bot as this account: your orders there earn beans and show in your orders.</p>
      {staff === "manager" ? <p className="text-sm text-espresso/70">As a manager, your linked chats also get the agents&rsquo; warnings and critical alerts for your shops.</p> : null}
      {staff === "barista" ? <p className="text-sm text-espresso/70">As a barista, your linked chats also get the bar&rsquo;s alerts for your shops: an ingredient running out, a rush beyond the forecast.</p> : null}
      {issued ? (
        <div role="status" className="rounded-xl bg-foam p-4 text-sm">
          <p>
            Your code: <strong className="font-mono text-base tracking-widest">{issued.code}</strong>
          </p>
          <p className="mt-1">
            Send <code className="font-mono">/link {issued.code}</code> to the Go Coffee bot before {new Date(issued.expiresAt).toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit" })}. It works once.
          </p>
        </div>
      ) : null}
      <Button type="button" onClick={getCode} disabled={pending} className="justify-self-start">
        {pending ? "Getting a code…" : issued ? "Get a new Telegram code" : "Get a Telegram code"}
      </Button>
      {chats.length > 0 ? (
        <ul aria-label="Linked Telegram chats" className="grid gap-2 text-sm">
          {chats.map((c) => (
            <li key={c.chatId} className="flex items-center justify-between gap-4">
              <span>
                Chat {c.chatId}, linked {new Date(c.linkedAt).toLocaleDateString("en-US", { dateStyle: "medium" })}
                {c.blockedAt ? (
                  <span className="block text-crema">
                    This chat blocked the bot on {new Date(c.blockedAt).toLocaleDateString("en-US", { dateStyle: "medium" })}: nothing is sent there. Unblock the bot in Telegram and press Start to get messages again.
                  </span>
                ) : null}
              </span>
              <Button type="button" variant="secondary" onClick={() => unlink(c.chatId)} aria-label={`Unlink chat ${c.chatId}`}>
                Unlink
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-espresso/70">No Telegram chat is linked.</p>
      )}
    </div>
  );
}
