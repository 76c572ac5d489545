"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { StaffMember } from "@/lib/agents/tasks/manage";
import type { TaskStatus } from "@/lib/agents/tasks/rules";
import type { ActionResult } from "@/lib/actions/result";
import { assignTaskAction, renameTaskAction, rescheduleTaskAction, setTaskStatusAction } from "../actions";
import { ClientSelect } from "@/components/ui/client-select";
import { ClientInput } from "@/components/ui/client-input";

/** `due`: the due time as the shop's wall clock, "YYYY-MM-DDTHH:mm". */
type Task = { id: string; title: string; status: TaskStatus; ownerId: string | null; due: string };

/** One task's owner picker (the shop's staff), its due time, its name, and its moves: start, put back, done, cancel; reopen when closed. */
export function TaskControls({ shopSlug, task, staff }: { shopSlug: string; task: Task; staff: StaffMember[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [owner, setOwner] = useState(task.ownerId ?? "");
  const [due, setDue] = useState(task.due);
  const [title, setTitle] = useState(task.title);
  const open = task.status === "OPEN" || task.status === "IN_PROGRESS";
  const selectId = `owner-${task.id}`;
  const dueId = `due-${task.id}`;
  const titleId = `title-${task.id}`;

  function run(action: () => Promise<ActionResult<unknown>>) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setError(result.error.message);
      router.refresh();
    });
  }
  const move = (status: TaskStatus) => run(() => setTaskStatusAction(shopSlug, { taskId: task.id, status }));

  if (!open) {
    return (
      <div className="mt-3">
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => move("OPEN")} aria-label={`Reopen: ${task.title}`}>
          Reopen
        </Button>
        <FormError message={error} />
      </div>
    );
  }

  return (
    <div className="mt-3">
      <div className="flex flex-wrap items-end gap-2">
        <form action={() => run(() => assignTaskAction(shopSlug, { taskId: task.id, ownerId: owner === "" ? null : owner }))} className="flex items-end gap-2">
          <div>
            <label htmlFor={selectId} className="block text-xs font-semibold text-espresso/70">
              Owner
            </label>
            <ClientSelect id={selectId} value={owner} onChange={(e) => setOwner(e.target.value)} className="mt-1 h-9 rounded-lg bg-white px-2 text-sm ring-1 ring-espresso/20">
              <option value="">Nobody</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.role.toLowerCase()})
                </option>
              ))}
            </ClientSelect>
          </div>
          <Button type="submit" size="sm" variant="secondary" disabled={pending} aria-label={`Assign: ${task.title}`}>
            Assign
          </Button>
        </form>
        <form action={() => run(() => rescheduleTaskAction(shopSlug, { taskId: task.id, due }))} className="flex items-end gap-2">
          <div>
            <label htmlFor={dueId} className="block text-xs font-semibold text-espresso/70">
              Due
            </label>
            <ClientInput id={dueId} type="datetime-local" required value={due} onChange={(e) => setDue(e.target.value)} className="mt-1 h-9 rounded-lg bg-white px-2 text-sm ring-1 ring-espresso/20" />
          </div>
          <Button type="submit" size="sm" variant="secondary" disabled={pending} aria-label={`Reschedule: ${task.title}`}>
            Reschedule
          </Button>
        </form>
        <form action={() => run(() => renameTaskAction(shopSlug, { taskId: task.id, title }))} className="flex items-end gap-2">
          <div>
            <label htmlFor={titleId} className="block text-xs font-semibold text-espresso/70">
              Task name
            </label>
            <ClientInput id={titleId} required value={title} onChange={(e) => setTitle(e.target.value)} className="mt-1 h-9 w-56 rounded-lg bg-white px-2 text-sm ring-1 ring-espresso/20" />
          </div>
          <Button type="submit" size="sm" variant="secondary" disabled={pending} aria-label={`Rename: ${task.title}`}>
            Rename
          </Button>
        </form>
        {task.status === "OPEN" ? (
          <Button size="sm" disabled={pending} onClick={() => move("IN_PROGRESS")} aria-label={`Start: ${task.title}`}>
            Start
          </Button>
        ) : (
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => move("OPEN")} aria-label={`Put back: ${task.title}`}>
            Put back
          </Button>
        )}
        <Button size="sm" disabled={pending} onClick={() => move("DONE")} aria-label={`Mark done: ${task.title}`}>
          Mark done
        </Button>
        <Button size="sm" variant="danger" disabled={pending} onClick={() => move("CANCELLED")} aria-label={`Cancel task: ${task.title}`}>
          Cancel task
        </Button>
      </div>
      <FormError message={error} />
    </div>
  );
}
