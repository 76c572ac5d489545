"use client";

import { signIn } from "next-auth/react";
import { useActionState, useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords-policy";
import { changePasswordAction, type ChangePasswordState } from "../actions";
import { Field, FormError } from "@/components/ui/field";
import { sentence } from "@/components/ui/sentence";

const FIELDS = ["currentPassword", "newPassword"];

/**
 * A new password ends every session signed in with the old one, this browser's too: once it is
 * changed, this browser signs in again with the new one (other devices are signed out within a minute).
 */
export function ChangePasswordForm({ email }: { email: string }) {
  const [state, formAction, pending] = useActionState<ChangePasswordState, FormData>(changePasswordAction, null);
  const form = useRef<HTMLFormElement>(null);
  // Kept from the submit event: React resets the form once the action has run.
  const submitted = useRef<string | null>(null);
  useEffect(() => {
    if (!state?.ok) return;
    form.current?.reset();
    const password = submitted.current;
    submitted.current = null;
    if (password) void signIn("credentials", { email, password, redirect: false });
  }, [state, email]);

  const error = state && !state.ok ? state.error : null;
  const fieldError = (path: string) => {
    const message = error?.issues?.find((i) => i.path === path)?.message;
    return message ? sentence(message) : undefined;
  };
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={(event) => {
        const value = new FormData(event.currentTarget).get("newPassword");
        submitted.current = typeof value === "string" ? value : null;
      }}
      className="grid gap-5"
      noValidate
    >
      <FormError message={error && !error.issues?.some((i) => FIELDS.includes(i.path)) ? sentence(error.message) : null} />
      {state?.ok ? (
        <p role="status" className="rounded-xl bg-emerald-50 px-3.5 py-2.5 text-sm text-emerald-800 ring-1 ring-emerald-700/15">
          Your password has been changed. Other devices are signed out within a minute.
        </p>
      ) : null}
      <Field id="currentPassword" name="currentPassword" type="password" label="Current password" autoComplete="current-password" required error={fieldError("currentPassword")} />
      <Field
        id="newPassword"
        name="newPassword"
        type="password"
        label="New password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD_LENGTH}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={fieldError("newPassword")}
      />
      <Button type="submit" disabled={pending} className="justify-self-start">
        {pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
