"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { signInErrorMessage } from "@/lib/auth/messages";
import { Field, FormError } from "@/components/ui/field";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string | null }) {
  const [error, setError] = useState(() => signInErrorMessage(initialError));
  const [pending, setPending] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    // callbackUrl given explicitly: next-auth otherwise echoes the current URL, whose ?error= it
    // would then report as this attempt's error.
    const result = await signIn("credentials", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), callbackUrl, redirect: false }).catch(() => undefined);
    if (!result?.ok || result.error) {
      setError(signInErrorMessage(result?.error ?? "unavailable"));
      setPending(false);
      return;
    }
    // A full load, so every server component (the header too) renders with the new session.
    window.location.assign(safeCallbackUrl(callbackUrl));
  }

  return (
    // method/action only matter if someone submits before the page is interactive: the password
    // then goes in a POST body to next-auth (which sends them back here), never into a URL.
    <form method="post" action="/api/auth/callback/credentials" onSubmit={handleSubmit} className="grid gap-5" noValidate>
      <FormError message={error} />
      <Field id="email" name="email" type="email" label="Email" autoComplete="email" required />
      <Field id="password" name="password" type="password" label="Password" autoComplete="current-password" required />
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-espresso/70">
        New to Go Coffee?{" "}
        <Link href={`/sign-up?${new URLSearchParams({ callbackUrl })}`} className="font-semibold underline underline-offset-2">
          Create an account
        </Link>
      </p>
    </form>
  );
}
