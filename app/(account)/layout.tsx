import type { ReactNode } from "react";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";

export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SiteHeader>
        <SessionAccountMenu />
      </SiteHeader>
      <main className="mx-auto max-w-3xl px-4 py-10">{children}</main>
    </>
  );
}
