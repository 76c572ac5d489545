"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { decideProposalAction } from "../actions";

export function ProposalButtons({ shopSlug, proposalId, title }: { shopSlug: string; proposalId: string; title: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function decide(decision: "APPROVED" | "REJECTED") {
    setError(null);
    startTransition(async () => {
      const result = await decideProposalAction(shopSlug, { proposalId, decision });
      if (!result.ok) return setError(result.error.message);
      router.refresh();
    });
  }

  return (
    <div className="mt-3">
      <div className="flex gap-2">
        <Button size="sm" disabled={pending} onClick={() => decide("APPROVED")} aria-label={`Approve: ${title}`}>
          Approve
        </Button>
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => decide("REJECTED")} aria-label={`Reject: ${title}`}>
          Reject
        </Button>
      </div>
      <FormError message={error} />
    </div>
  );
}
