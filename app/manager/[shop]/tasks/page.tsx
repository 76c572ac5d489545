import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { listTasks, shopStaff } from "@/lib/agents/tasks/manage";
import { statusWord } from "@/lib/agents/tasks/rules";
import { localMinute } from "@/lib/analytics/time";
import { db } from "@/lib/db";
import { cn } from "@/lib/ui/cn";
import { managerAccess } from "../_components/manager-access";
import { ManagerFrame } from "../_components/manager-frame";
import { TaskControls } from "./task-controls";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tasks · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string }>; searchParams: Promise<{ show?: string }> };

/** /manager/:shop/tasks — the task manager's tasks: open ones by due date (overdue marked), or the closed ones. */
export default async function ManagerTasksPage({ params, searchParams }: Props) {
  const access = await managerAccess((await params).shop, "tasks:manage", "tasks");
  if (!access.ok) return access.page;
  const show = (await searchParams).show === "closed" ? "closed" : "open";
  const [tasks, staff] = await Promise.all([listTasks(db(), access.shop.id, show), show === "open" ? shopStaff(db(), access.shop.id) : Promise.resolve([])]);
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: access.shop.timezone });
  const base = `/manager/${access.shop.slug}/tasks`;

  return (
    <ManagerFrame shop={access.shop} tab="tasks">
      <section aria-labelledby="tasks-heading">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="tasks-heading" className="text-xl font-bold">
            {show === "open" ? "Open tasks" : "Done and cancelled tasks"}
          </h2>
          <nav aria-label="Which tasks" className="flex gap-3 text-sm font-semibold">
            <Link href={base} aria-current={show === "open" ? "page" : undefined} className={cn(show === "open" ? "text-espresso underline" : "text-espresso/70 hover:underline")}>
              Open
            </Link>
            <Link href={`${base}?show=closed`} aria-current={show === "closed" ? "page" : undefined} className={cn(show === "closed" ? "text-espresso underline" : "text-espresso/70 hover:underline")}>
              Done and cancelled
            </Link>
          </nav>
        </div>
        <p className="mt-1 text-sm text-espresso/70">
          The task manager (rules, no language model) makes a task from each approved purchase order or transfer and each unresolved warning or critical alert; a task closes by itself when
          its delivery or transfer is counted in or its alert is resolved.
        </p>
        {tasks.length === 0 ? (
          <p className="mt-4 text-sm text-espresso/70">{show === "open" ? "No open tasks." : "No closed tasks yet."}</p>
        ) : (
          <ul className="mt-4 grid gap-3">
            {tasks.map((t) => (
              <li key={t.id} className={cn("rounded-2xl bg-white p-4 ring-1", t.overdue ? "ring-red-700/40" : "ring-espresso/10")}>
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="font-semibold">{t.title}</h3>
                  {t.overdue ? <Badge tone="danger">Overdue</Badge> : null}
                  <Badge tone={t.status === "DONE" ? "success" : t.status === "IN_PROGRESS" ? "accent" : "neutral"}>{statusWord(t.status).replace(/^./, (c) => c.toUpperCase())}</Badge>
                </div>
                <p className="mt-1 text-sm text-espresso/70">{t.detail}</p>
                <p className={cn("mt-1 text-sm", t.overdue ? "font-semibold text-red-700" : "text-espresso/80")}>
                  Due {when.format(t.dueAt)} · {t.owner ? `Owner: ${t.owner.name}` : "No owner yet"}
                </p>
                {show === "closed" ? (
                  <p className="mt-1 text-sm text-espresso/80">
                    {t.closedReason ? `Closed by itself: ${t.closedReason}` : `${statusWord(t.status).replace(/^./, (c) => c.toUpperCase())} by ${t.changedBy ?? "someone"}`}, {when.format(t.changedAt)}
                  </p>
                ) : null}
                <TaskControls shopSlug={access.shop.slug} task={{ id: t.id, title: t.title, status: t.status, ownerId: t.owner?.id ?? null, due: localMinute(t.dueAt, access.shop.timezone) }} staff={staff} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </ManagerFrame>
  );
}
