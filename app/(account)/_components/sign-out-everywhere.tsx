"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { sentence } from "@/components/ui/sentence";
import { signOutEverywhereAction } from "../actions";

/** Ends every session of the account (a lost phone, a shared computer), then this browser's. */
export function SignOutEverywhere() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function signOutEverywhere() {
    setPending(true);
    setError(null);
    const result = await signOutEverywhereAction();
    if (!result.ok) {
      setError(sentence(result.error.message));
      setPending(false);
      return;
    }
    await signOut({ redirect: false });
    router.push("/sign-in");
    router.refresh();
  }

  return (
    <div className="grid gap-4">
      <FormError message={error} />
      <p className="text-sm text-espresso/70">
        Signed in on a device you no longer use? This signs you out on every device and browser, this one included. Other devices are signed out within a minute.
      </p>
      <Button type="button" variant="danger" onClick={signOutEverywhere} disabled={pending} className="justify-self-start">
        {pending ? "Signing out…" : "Sign out everywhere"}
      </Button>
    </div>
  );
}
