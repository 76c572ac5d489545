import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { getSessionUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { walletSettings } from "@/lib/wallet/settings";
import { EthereumSignIn } from "../_components/ethereum-sign-in";
import { SignInForm } from "../_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl));
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-2 mb-8 text-espresso/70">Welcome back. Your orders and favourites are waiting.</p>
      <SignInForm callbackUrl={callbackUrl} initialError={first(params.error) ?? null} />
      <div className="my-6 flex items-center gap-3 text-xs font-semibold tracking-wide text-espresso/75 uppercase" aria-hidden>
        <span className="h-px flex-1 bg-espresso/15" />
        or
        <span className="h-px flex-1 bg-espresso/15" />
      </div>
      <EthereumSignIn settings={walletSettings(env())} callbackUrl={callbackUrl} />
    </div>
  );
}
