"use client";

import { keepInputOnSubmit } from "@/components/ui/keep-input-on-submit";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { StaffInvite, StaffMember } from "@/lib/shops/staff";
import { assignStaffAction, cancelInviteAction, removeStaffAction } from "../actions";
import { ClientForm } from "@/components/ui/client-form";

const ROLE_LABEL = { BARISTA: "Barista", MANAGER: "Manager", ADMIN: "Admin", CUSTOMER: "Customer" } as const;

export function StaffEditor({ shopSlug, staff, selfId, canManageManagers }: { shopSlug: string; staff: { members: StaffMember[]; invites: StaffInvite[] }; selfId: string; canManageManagers: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  /** Runs an action; on success shows `success` (if given; the action may set its own notice). */
  function run(action: () => Promise<{ ok: true; data: unknown } | { ok: false; error: { message: string } }>, success?: string) {
    setError(null);
    setNotice(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setError(result.error.message);
      if (success) setNotice(success);
      router.refresh();
    });
  }

  function add(form: FormData) {
    const email = String(form.get("email") ?? "");
    run(async () => {
      const result = await assignStaffAction(shopSlug, { email, role: form.get("role") });
      if (result.ok) setNotice(result.data === "invited" ? `Invited ${email}: we mailed them a link that makes them staff once they sign in with that address (valid 7 days).` : `${email} is now on the staff.`);
      return result;
    });
  }

  const manages = (role: string) => role !== "MANAGER" || canManageManagers;
  return (
    <div className="grid gap-8">
      <FormError message={error} />
      {notice ? (
        <p role="status" className="rounded-xl bg-emerald-50 px-3.5 py-2.5 text-sm text-emerald-800 ring-1 ring-emerald-700/15">
          {notice}
        </p>
      ) : null}

      <section aria-labelledby="members-heading">
        <h2 id="members-heading" className="text-xl font-bold">
          Staff
        </h2>
        <ul className="mt-3 divide-y divide-espresso/8 rounded-2xl bg-white ring-1 ring-espresso/10">
          {staff.members.map((m) => (
            <li key={m.userId} className="flex items-center justify-between gap-3 px-4 py-3">
              <span>
                <span className="font-semibold">{m.name}</span> <span className="text-sm text-espresso/70">{m.email}</span>
                <span className="ml-2 rounded-full bg-crema/30 px-2 py-0.5 text-xs font-semibold">{ROLE_LABEL[m.role]}</span>
              </span>
              {m.userId !== selfId && manages(m.role) ? (
                <Button size="sm" variant="danger" disabled={pending} onClick={() => run(() => removeStaffAction(shopSlug, m.userId), `Removed ${m.email ?? m.name}.`)} aria-label={`Remove ${m.email ?? m.name}`}>
                  Remove
                </Button>
              ) : null}
            </li>
          ))}
          {staff.members.length === 0 ? <li className="px-4 py-3 text-sm text-espresso/70">Nobody yet.</li> : null}
        </ul>
      </section>

      {staff.invites.length > 0 ? (
        <section aria-labelledby="invites-heading">
          <h2 id="invites-heading" className="text-xl font-bold">
            Invitations
          </h2>
          <ul className="mt-3 divide-y divide-espresso/8 rounded-2xl bg-white ring-1 ring-espresso/10">
            {staff.invites.map((i) => (
              <li key={i.email} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 px-4 py-3">
                <span className="min-w-0 break-all">
                  {i.email} <span className="ml-2 text-xs text-espresso/70">{ROLE_LABEL[i.role]}, {i.expired ? "link expired" : "link mailed"}</span>
                </span>
                {manages(i.role) ? (
                  <span className="flex shrink-0 gap-1">
                    <Button size="sm" variant="ghost" disabled={pending} onClick={() => run(() => assignStaffAction(shopSlug, { email: i.email, role: i.role }), `Sent ${i.email} a new link.`)} aria-label={`Send a new invitation link to ${i.email}`}>
                      Send again
                    </Button>
                    <Button size="sm" variant="ghost" disabled={pending} onClick={() => run(() => cancelInviteAction(shopSlug, i.email), `Withdrew the invitation for ${i.email}.`)} aria-label={`Withdraw invitation for ${i.email}`}>
                      Withdraw
                    </Button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="add-heading">
        <h2 id="add-heading" className="text-xl font-bold">
          Add someone
        </h2>
        <ClientForm onSubmit={keepInputOnSubmit(add)} className="mt-3 flex flex-wrap items-end gap-3">
          <label className="grid gap-1.5 text-sm font-semibold">
            Email
            <input name="email" type="email" required autoComplete="off" className="h-11 w-72 rounded-xl bg-white px-3.5 text-base font-normal ring-1 ring-espresso/15 outline-none focus:ring-2 focus:ring-crema" />
          </label>
          <label className="grid gap-1.5 text-sm font-semibold">
            Role
            <select name="role" defaultValue="BARISTA" className="h-11 rounded-xl bg-white px-3 text-base font-normal ring-1 ring-espresso/15">
              <option value="BARISTA">Barista</option>
              {canManageManagers ? <option value="MANAGER">Manager</option> : null}
            </select>
          </label>
          <Button type="submit" disabled={pending}>
            Add to staff
          </Button>
        </ClientForm>
        <p className="mt-2 text-sm text-espresso/70">Someone without an account is invited: they join this shop when they sign up with that email.</p>
      </section>
    </div>
  );
}
