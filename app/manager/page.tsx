import type { Metadata } from "next";
import Link from "next/link";
import { DashboardScreen } from "@/components/dashboard/dashboard-screen";
import type { Filters } from "@/components/dashboard/filters";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";
import { ForbiddenPanel } from "@/components/staff/forbidden-panel";
import { buttonClasses } from "@/components/ui/button";
import { DomainError } from "@/lib/errors";
import { getDashboard } from "@/lib/analytics/dashboard";
import { dashboardQuery, periodOf } from "@/lib/analytics/period";
import { dashboardScope } from "@/lib/analytics/scope";
import { requireSignedIn } from "@/lib/auth/session";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Dashboard", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** /manager — the live analytics dashboard of the shops the user manages (admins: every shop). */
export default async function ManagerDashboardPage({ searchParams }: Props) {
  const raw = Object.fromEntries(Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const search = new URLSearchParams(raw).toString();
  const user = await requireSignedIn(`/manager${search ? `?${search}` : ""}`);
  // A malformed link falls back to the default view rather than an error page.
  const parsed = dashboardQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : {};

  let scope;
  try {
    scope = await dashboardScope(db(), user, query.shops);
  } catch (error) {
    if (error instanceof DomainError && error.code === "forbidden") {
      return (
        <>
          <SiteHeader />
          <ForbiddenPanel email={user.email} title="The dashboard is for shop managers" reason={`which cannot see it. ${error.message} Ask an admin if you should have access.`} back={{ href: "/barista", label: "Barista queues" }} />
        </>
      );
    }
    throw error;
  }

  const period = periodOf(query);
  const data = await getDashboard(db(), scope.selected, period);
  const filters: Filters = {
    shops: scope.selected.length === scope.available.length ? [] : scope.selected.map((s) => s.slug),
    range: "preset" in period ? period.preset : null,
    from: "from" in period ? period.from : "",
    to: "to" in period ? period.to : "",
  };
  return (
    <>
      <SiteHeader>
        <SessionAccountMenu />
      </SiteHeader>
      <nav aria-label="Manage a shop" className="mx-auto flex max-w-7xl flex-wrap items-center gap-2 px-4 pt-4 text-sm">
        <span className="font-semibold text-espresso/70">Menu, staff and settings:</span>
        {scope.available.map((s) => (
          <Link key={s.slug} href={`/manager/${s.slug}/menu`} className={buttonClasses({ variant: "secondary", size: "sm" })}>
            {s.name}
          </Link>
        ))}
      </nav>
      <DashboardScreen shops={scope.available.map((s) => ({ slug: s.slug, name: s.name }))} initialFilters={filters} initialData={data} />
    </>
  );
}
