"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { ClientButton } from "@/components/ui/client-button";
import { dueLabel } from "@/lib/agents/tasks/due-label";
import type { OwnTask } from "@/lib/agents/tasks/manage";
import type { TaskStatus } from "@/lib/agents/tasks/rules";
import { setOwnTaskStatusAction } from "../actions";

/** As often as the bell: a task given to this person shows within its notice. */
const POLL_MS = 20_000;

async function fetchOwnTasks(slug: string): Promise<OwnTask[]> {
  const res = await fetch(`/api/shops/${encodeURIComponent(slug)}/tasks`, { cache: "no-store" });
  if (!res.ok) throw new Error(`tasks: ${res.status}`);
  return ((await res.json()) as { tasks: OwnTask[] }).tasks;
}

/**
 * "Your tasks" on the queue screen: the open tasks given to this person at this shop (a delivery to
 * count in, a machine to descale), by due date, overdue marked; each started, put back or marked
 * done here. Nothing shows when there are none: the screen is the queue's.
 */
export function OwnTasks({ shop, initial }: { shop: { slug: string; timezone: string }; initial: OwnTask[] }) {
  const client = useQueryClient();
  const key = ["own-tasks", shop.slug];
  const { data: tasks = initial } = useQuery({ queryKey: key, queryFn: () => fetchOwnTasks(shop.slug), initialData: initial, refetchInterval: POLL_MS });
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const move = (task: OwnTask, status: TaskStatus) =>
    startTransition(async () => {
      setError(null);
      const result = await setOwnTaskStatusAction(shop.slug, { taskId: task.id, status });
      if (!result.ok) setError(result.error.message);
      await client.invalidateQueries({ queryKey: key });
    });

  if (tasks.length === 0 && !error) return null;
  return (
    <section aria-labelledby="own-tasks-heading" className="mx-3 mt-3 rounded-xl bg-black/25 px-4 py-3">
      <h2 id="own-tasks-heading" className="text-base font-bold">
        Your tasks
      </h2>
      {error ? (
        <p role="alert" className="mt-2 rounded-lg bg-red-100 px-3 py-1.5 text-base font-semibold text-red-900">
          {error}
        </p>
      ) : null}
      <ul className="mt-2 grid gap-2">
        {tasks.map((t) => (
          <li key={t.id} className="flex flex-wrap items-center gap-x-3 gap-y-2">
            <span className="text-base font-semibold">{t.title}</span>
            <span className={t.overdue ? "rounded-md bg-red-600 px-2 text-sm font-bold text-white" : "text-sm text-foam/75"}>
              {t.overdue ? "Overdue · " : ""}due {dueLabel(new Date(t.dueAt), shop.timezone)}
            </span>
            {t.status === "IN_PROGRESS" ? <span className="text-sm font-bold text-crema">In progress</span> : null}
            <span className="ml-auto flex gap-2">
              {t.status === "OPEN" ? (
                <ClientButton type="button" disabled={pending} onClick={() => move(t, "IN_PROGRESS")} aria-label={`Start: ${t.title}`} className="h-9 rounded-lg bg-crema px-3 text-sm font-bold text-espresso hover:bg-crema/90 focus-visible:outline-4 focus-visible:outline-sky-400 disabled:opacity-60">
                  Start
                </ClientButton>
              ) : (
                <ClientButton type="button" disabled={pending} onClick={() => move(t, "OPEN")} aria-label={`Put back: ${t.title}`} className="h-9 rounded-lg bg-black/30 px-3 text-sm font-bold hover:bg-black/45 focus-visible:outline-4 focus-visible:outline-sky-400 disabled:opacity-60">
                  Put back
                </ClientButton>
              )}
              <ClientButton type="button" disabled={pending} onClick={() => move(t, "DONE")} aria-label={`Mark done: ${t.title}`} className="h-9 rounded-lg bg-emerald-300 px-3 text-sm font-bold text-emerald-950 hover:bg-emerald-200 focus-visible:outline-4 focus-visible:outline-sky-400 disabled:opacity-60">
                Mark done
              </ClientButton>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
