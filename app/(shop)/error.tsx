"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { AlertIcon } from "@/components/ui/icons";
import { PageMessage } from "@/components/ui/page-message";

/** Anything unexpected on the customer pages: say so plainly and offer a retry. */
export default function ShopError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;

  return (
    <PageMessage
      icon={<AlertIcon />}
      title="Something went wrong"
      actions={
        <>
          <Button onClick={() => retry()}>Try again</Button>
          <Link href="/" className={buttonClasses({ variant: "secondary" })}>
            All shops
          </Link>
        </>
      }
    >
      <p>We could not load this page. Your cart is safe; please try again in a moment.</p>
      {digest ? <p className="mt-3 font-mono text-xs text-espresso/75">Reference {digest}</p> : null}
    </PageMessage>
  );
}
