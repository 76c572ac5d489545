"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { signOut } from "next-auth/react";
import { useEffect, useId, useRef, useState } from "react";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/lib/ui/cn";
import { signInPath } from "@/lib/auth/callback-url";
import { ClientButton } from "@/components/ui/client-button";
import { forgetAccountDevice } from "@/components/push/this-device";

export type AccountMenuUser = { name: string; email: string; /** Staff links: the queues, the manager screens. */ staff?: { queues: boolean; manage: boolean; openShops?: boolean } };

/**
 * The account corner of the site header: a "Sign in" link when signed out; when signed in, the
 * user's name opening a menu with "My orders", "Account" and "Sign out".
 * Pass `user` from getSessionUser() (or use <SessionAccountMenu />, which does that).
 */
export function AccountMenu({ user, className }: { user: AccountMenuUser | null; className?: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const pathname = usePathname();
  const query = useSearchParams().toString();

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  if (!user) {
    return (
      <Link href={signInHref(pathname, query)} className={buttonClasses({ variant: "secondary", size: "sm", className })}>
        Sign in
      </Link>
    );
  }

  async function handleSignOut() {
    setSigningOut(true);
    // This device stops showing the account's orders on its lock screen (while still signed in to ask).
    await forgetAccountDevice();
    await signOut({ redirect: false });
    setOpen(false);
    setSigningOut(false);
    router.push("/");
    router.refresh();
  }

  const item = "block w-full rounded-lg px-3 py-2 text-left text-sm font-medium hover:bg-espresso/5 focus-visible:outline-2 focus-visible:outline-crema";
  return (
    <div ref={root} className={cn("relative", className)}>
      <ClientButton
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((v) => !v)}
        className={buttonClasses({ variant: "ghost", size: "sm", className: "max-w-48" })}
      >
        <span aria-hidden className="grid size-6 place-items-center rounded-full bg-crema/40 text-xs font-bold">
          {user.name.trim().charAt(0).toUpperCase() || "?"}
        </span>
        <span className="truncate">{user.name}</span>
      </ClientButton>
      <nav
        id={menuId}
        aria-label="Account"
        hidden={!open}
        className="absolute right-0 z-30 mt-2 w-56 rounded-2xl bg-white p-1.5 shadow-lg ring-1 ring-espresso/10"
      >
        {/* Wallet accounts have no email. */}
        {user.email ? <p className="truncate px-3 pt-1.5 pb-2 text-xs text-espresso/75">{user.email}</p> : null}
        <Link href="/account/orders" className={item} onClick={() => setOpen(false)}>
          My orders
        </Link>
        <Link href="/account" className={item} onClick={() => setOpen(false)}>
          Account
        </Link>
        {user.staff?.queues ? (
          <Link href="/barista" className={item} onClick={() => setOpen(false)}>
            Shop queues
          </Link>
        ) : null}
        {user.staff?.manage ? (
          <Link href="/manager" className={item} onClick={() => setOpen(false)}>
            Manage shops
          </Link>
        ) : null}
        {user.staff?.openShops ? (
          <Link href="/admin/shops/new" className={item} onClick={() => setOpen(false)}>
            Open a shop
          </Link>
        ) : null}
        <ClientButton type="button" className={item} onClick={handleSignOut} disabled={signingOut}>
          {signingOut ? "Signing out…" : "Sign out"}
        </ClientButton>
      </nav>
    </div>
  );
}

/**
 * "Sign in" brings people back to the page they were on (a path on this site only: signInPath
 * refuses anything else), except from the sign-in and sign-up pages themselves.
 */
function signInHref(pathname: string | null, query: string): string {
  if (!pathname || pathname === "/" || pathname.startsWith("/sign-in") || pathname.startsWith("/sign-up")) return "/sign-in";
  return signInPath(query ? `${pathname}?${query}` : pathname);
}
