"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { markNotificationsReadAction } from "../actions";

export function MarkReadButton({ shopSlug }: { shopSlug: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      size="sm"
      variant="secondary"
      className="mt-3"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await markNotificationsReadAction(shopSlug);
          router.refresh();
        })
      }
    >
      Mark all as read
    </Button>
  );
}
