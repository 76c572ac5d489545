"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import type { ActionError } from "@/lib/actions/result";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { signInErrorMessage } from "@/lib/auth/messages";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords-policy";
import { signUpAction } from "../actions";
import { Field, FormError } from "@/components/ui/field";
import { sentence } from "@/components/ui/sentence";

const FIELDS = ["name", "email", "password"];

/** `defaultEmail`: the address an invitation link was sent to (the account needs that one). */
export function SignUpForm({ callbackUrl, defaultEmail = "" }: { callbackUrl: string; defaultEmail?: string }) {
  const [error, setError] = useState<ActionError | null>(null);
  const [pending, setPending] = useState(false);
  const fieldError = (path: string) => {
    const message = error?.issues?.find((i) => i.path === path)?.message;
    return message ? sentence(message) : undefined;
  };

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: String(form.get("name") ?? ""), email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    setPending(true);
    setError(null);
    try {
      const created = await signUpAction(input);
      if (!created.ok) {
        setError(created.error);
        return;
      }
      const signedIn = await signIn("credentials", { email: created.data.email, password: input.password, callbackUrl, redirect: false });
      if (!signedIn?.ok || signedIn.error) {
        setError({ code: "unauthenticated", message: `Your account is ready, but signing in did not work: ${signInErrorMessage(signedIn?.error)}` });
        return;
      }
      window.location.assign(safeCallbackUrl(callbackUrl));
    } catch {
      setError({ code: "internal", message: "Something went wrong. Please try again." });
    } finally {
      setPending(false);
    }
  }

  // A problem with one field shows beside it; anything else above the form.
  const summary = error && !error.issues?.some((i) => FIELDS.includes(i.path)) ? sentence(error.message) : null;
  return (
    // POST, so a submit before the page is interactive never puts the password into a URL.
    <form method="post" onSubmit={handleSubmit} className="grid gap-5" noValidate>
      <FormError message={summary} />
      <Field id="name" name="name" label="Name" autoComplete="name" required maxLength={40} hint="We call this out when your order is ready." error={fieldError("name")} />
      <Field id="email" name="email" type="email" label="Email" autoComplete="email" required defaultValue={defaultEmail} hint="We send a link to confirm it." error={fieldError("email")} />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={fieldError("password")}
      />
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-espresso/70">
        Already have an account?{" "}
        <Link href={`/sign-in?${new URLSearchParams({ callbackUrl })}`} className="font-semibold underline underline-offset-2">
          Sign in
        </Link>
      </p>
    </form>
  );
}
