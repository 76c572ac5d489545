import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { listAuditEntries } from "@/lib/audit/audit-log";
import { db } from "@/lib/db";
import { managerAccess } from "../_components/manager-access";
import { ManagerFrame } from "../_components/manager-frame";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Activity · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string }>; searchParams: Promise<{ after?: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /manager/:shop/activity — the audit log: every change, who made it, before and after. */
export default async function ManagerActivityPage({ params, searchParams }: Props) {
  const access = await managerAccess((await params).shop, "audit:view", "activity");
  if (!access.ok) return access.page;
  const after = (await searchParams).after;
  const { entries, next } = await listAuditEntries(db(), access.shop.id, after && UUID.test(after) ? after : undefined);
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: access.shop.timezone });

  return (
    <ManagerFrame shop={access.shop} tab="activity">
      <h2 className="text-xl font-bold">Activity</h2>
      <p className="mt-1 text-sm text-espresso/70">Every change made to this shop’s menu, staff and settings. Times in {access.shop.timezone}.</p>
      {entries.length === 0 ? (
        <p className="mt-6 text-espresso/70">No changes yet.</p>
      ) : (
        <table className="mt-4 w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-espresso/70">
              <th className="py-1 pr-3 font-semibold">When</th>
              <th className="py-1 pr-3 font-semibold">Who</th>
              <th className="py-1 font-semibold">What</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-t border-espresso/8 align-top">
                <td className="py-2 pr-3 whitespace-nowrap">
                  <time dateTime={e.at}>{when.format(new Date(e.at))}</time>
                </td>
                <td className="py-2 pr-3">{e.actorEmail}</td>
                <td className="py-2">
                  {e.summary}
                  <details className="mt-1 text-xs text-espresso/70">
                    <summary className="cursor-pointer">Before and after</summary>
                    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3">
                      <dt>Before</dt>
                      <dd className="font-mono break-all">{JSON.stringify(e.before)}</dd>
                      <dt>After</dt>
                      <dd className="font-mono break-all">{JSON.stringify(e.after)}</dd>
                    </dl>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next ? (
        <Link href={`?after=${next}`} className={buttonClasses({ variant: "secondary", className: "mt-4" })}>
          Older changes
        </Link>
      ) : null}
    </ManagerFrame>
  );
}
