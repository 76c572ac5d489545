"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/result";
import { approvePostAction, draftPostAction, draftSpecialAction, publishPostAction, rejectPostAction } from "./actions";

const LIMIT = 500;

function useRun() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<ActionResult<unknown>>) => {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setError(result.error.message);
      router.refresh();
    });
  };
  return { pending, error, run };
}

/** The draft's text, editable, and Approve / Reject. The server checks the edited text again (length, product, price, links). */
export function PostApproval({ shopSlug, post }: { shopSlug: string; post: { id: string; text: string; productName: string } }) {
  const { pending, error, run } = useRun();
  const [text, setText] = useState(post.text);
  const id = `post-text-${post.id}`;
  return (
    <div className="mt-2">
      <label htmlFor={id} className="block text-xs font-semibold text-espresso/70">
        Post text about {post.productName}
      </label>
      <textarea id={id} value={text} onChange={(e) => setText(e.target.value)} rows={4} className="mt-1 w-full rounded-lg bg-white p-2 text-sm ring-1 ring-espresso/20" aria-describedby={`${id}-count`} />
      <p id={`${id}-count`} className={text.length > LIMIT ? "text-xs font-semibold text-red-700" : "text-xs text-espresso/70"}>
        {text.length} of {LIMIT} characters
      </p>
      <FormError message={error} />
      <div className="mt-2 flex gap-2">
        <Button size="sm" disabled={pending} onClick={() => run(() => approvePostAction(shopSlug, { proposalId: post.id, text }))} aria-label={`Approve the post about ${post.productName}`}>
          Approve
        </Button>
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => rejectPostAction(shopSlug, { proposalId: post.id }))} aria-label={`Reject the post about ${post.productName}`}>
          Reject
        </Button>
      </div>
    </div>
  );
}

export function DraftPostButton({ shopSlug, productId, productName }: { shopSlug: string; productId: string; productName: string }) {
  const { pending, error, run } = useRun();
  return (
    <div className="text-right">
      <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => draftPostAction(shopSlug, productId))} aria-label={`Draft a post about ${productName}`}>
        {pending ? "Drafting…" : "Draft a post"}
      </Button>
      <FormError message={error} />
    </div>
  );
}

export function PublishNowButton({ shopSlug, proposalId, productName }: { shopSlug: string; proposalId: string; productName: string }) {
  const { pending, error, run } = useRun();
  return (
    <div className="mt-2">
      <Button size="sm" disabled={pending} onClick={() => run(() => publishPostAction(shopSlug, { proposalId }))} aria-label={`Publish the post about ${productName} now`}>
        Publish now
      </Button>
      <FormError message={error} />
    </div>
  );
}

/** Today's special has not been drafted yet (a shop opened today, or the worker has not run): draft it now. */
export function DraftSpecialButton({ shopSlug }: { shopSlug: string }) {
  const { pending, error, run } = useRun();
  return (
    <div className="mt-2">
      <Button size="sm" disabled={pending} onClick={() => run(() => draftSpecialAction(shopSlug))}>
        {pending ? "Drafting…" : "Draft today's special"}
      </Button>
      <FormError message={error} />
    </div>
  );
}
