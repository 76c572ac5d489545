import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getSessionUser } from "@/lib/auth/session";
import { SignUpForm } from "../_components/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: Props) {
  const { callbackUrl: raw, email } = await searchParams;
  const callbackUrl = safeCallbackUrl(Array.isArray(raw) ? raw[0] : raw);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold tracking-tight">Create an account</h1>
      <p className="mt-2 mb-8 text-espresso/70">Order ahead, follow your orders and order your usual again in one tap.</p>
      <SignUpForm callbackUrl={callbackUrl} defaultEmail={typeof email === "string" ? email.slice(0, 254) : ""} />
    </div>
  );
}
