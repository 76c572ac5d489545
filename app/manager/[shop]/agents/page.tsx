import type { Metadata } from "next";
import Link from "next/link";
import { openAlerts } from "@/lib/agents/core/alerts";
import { agentName } from "@/lib/agents/core/names";
import { listProposals } from "@/lib/agents/core/proposals";
import { formatMicroUsd } from "@/lib/agents/core/cost";
import { agentStats, recentRuns } from "@/lib/agents/core/runs";
import { listNotifications } from "@/lib/agents/notifier/notifications";
import { weeklyDigest } from "@/lib/agents/feedback/agent";
import { FeedbackDigest } from "./feedback-digest";
import { db } from "@/lib/db";
import { managerAccess } from "../_components/manager-access";
import { ManagerFrame } from "../_components/manager-frame";
import { MarkReadButton } from "./mark-read-button";
import { NewDrinkDetails } from "./new-drink-details";
import { ProposalButtons } from "./proposal-buttons";
import { SuggestDrinkButton } from "./suggest-drink-button";
import { NEW_DRINK_KIND } from "@/lib/agents/inventor/agent";
import { can } from "@/lib/auth/policy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Agents · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string }> };

const name = agentName;

/** /manager/:shop/agents — what the back-office agents did, what they propose, and how well they do. */
export default async function ManagerAgentsPage({ params }: Props) {
  const access = await managerAccess((await params).shop, "inventory:manage", "agents");
  if (!access.ok) return access.page;
  const shopId = access.shop.id;
  const [proposals, alerts, stats, runs, notifications, digest, shopRow] = await Promise.all([
    listProposals(db(), shopId),
    openAlerts(db(), shopId),
    agentStats(db(), shopId),
    recentRuns(db(), shopId),
    listNotifications(db(), access.user.id, shopId),
    weeklyDigest(db(), shopId),
    db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { currency: true } }),
  ]);
  const unread = notifications.filter((n) => !n.readAt).length;
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: access.shop.timezone });

  return (
    <ManagerFrame shop={access.shop} tab="agents">
      <p className="mb-6 text-sm">
        The scheduler agent’s forecast and baristas needed per hour:{" "}
        <Link href={`/manager/${access.shop.slug}/staffing`} className="font-semibold underline">
          Staffing plan
        </Link>
        {" · "}Approved new drinks are tasted by the staff:{" "}
        <Link href={`/manager/${access.shop.slug}/tastings`} className="font-semibold underline">
          Tastings
        </Link>
      </p>
      <section aria-labelledby="proposals-heading">
        <h2 id="proposals-heading" className="text-xl font-bold">
          Waiting for you
        </h2>
        {can(access.user, "menu:edit", { shopId }) ? <SuggestDrinkButton shopSlug={access.shop.slug} /> : null}
        {proposals.pending.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">No proposals waiting.</p>
        ) : (
          <ul className="mt-3 grid gap-3">
            {proposals.pending.map((p) => {
              const payload = p.payload as { reason?: string; provider?: string; explainedBy?: string };
              return (
                <li key={p.id} className="rounded-2xl bg-white p-4 ring-1 ring-espresso/10">
                  <p className="font-semibold">{p.title}</p>
                  {p.kind === NEW_DRINK_KIND ? <NewDrinkDetails payload={p.payload} currency={shopRow.currency} /> : null}
                  <p className="text-sm text-espresso/70">
                    {name(p.agent)} · {p.kind === NEW_DRINK_KIND ? "" : `${payload.reason ?? ""} · `}decided by {payload.provider === "rules" || !payload.provider ? "rules (no language model)" : payload.provider}
                    {payload.explainedBy && payload.explainedBy !== "rules" ? ` · reason written by ${payload.explainedBy}` : ""} · expires {when.format(p.expiresAt)}
                  </p>
                  <ProposalButtons shopSlug={access.shop.slug} proposalId={p.id} title={p.title} />
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section id="notifications" aria-labelledby="notifications-heading" className="mt-8">
        <h2 id="notifications-heading" className="text-xl font-bold">
          Your notifications
        </h2>
        {notifications.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">No notifications for you at this shop.</p>
        ) : (
          <>
            <ul className="mt-3 grid gap-1 text-sm">
              {notifications.map((n) => (
                <li key={n.id} className={n.readAt ? "text-espresso/70" : "font-semibold"}>
                  {n.readAt ? "" : "New: "}
                  {n.message} <span className="font-normal text-espresso/70">· {when.format(n.createdAt)}</span>
                </li>
              ))}
            </ul>
            {unread > 0 ? <MarkReadButton shopSlug={access.shop.slug} /> : null}
          </>
        )}
      </section>

      <section aria-labelledby="alerts-heading" className="mt-8">
        <h2 id="alerts-heading" className="text-xl font-bold">
          Open alerts
        </h2>
        {alerts.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">Nothing to report.</p>
        ) : (
          <ul className="mt-3 grid gap-2">
            {alerts.map((a) => (
              <li key={a.id} className="rounded-xl bg-red-50 px-3.5 py-2.5 text-sm text-red-900 ring-1 ring-red-700/15">
                {a.message} <span className="text-red-900/80">· since {when.format(a.createdAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <FeedbackDigest digest={digest} />

      <section aria-labelledby="stats-heading" className="mt-8">
        <h2 id="stats-heading" className="text-xl font-bold">
          How the agents do (last 7 days)
        </h2>
        <table className="mt-3 w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-espresso/70">
              <th className="py-1 pr-3 font-semibold">Agent</th>
              <th className="py-1 pr-3 font-semibold">Runs</th>
              <th className="py-1 pr-3 font-semibold">Success</th>
              <th className="py-1 pr-3 font-semibold">Fell back to rules</th>
              <th className="py-1 pr-3 font-semibold">Latency (avg / p95)</th>
              <th className="py-1 pr-3 font-semibold">Tokens (in / out)</th>
              <th className="py-1 font-semibold">Cost (estimate)</th>
            </tr>
          </thead>
          <tbody>
            {stats.length === 0 ? (
              <tr>
                <td colSpan={7} className="py-2 text-espresso/70">
                  No runs yet.
                </td>
              </tr>
            ) : (
              stats.map((s) => (
                <tr key={s.agent} className="border-t border-espresso/8">
                  <th scope="row" className="py-2 pr-3 text-left font-semibold">
                    {name(s.agent)}
                  </th>
                  <td className="py-2 pr-3">
                    {s.runs}
                    {s.byRules === s.runs ? " (all by rules)" : ""}
                  </td>
                  <td className="py-2 pr-3">{Math.round((100 * s.succeeded) / s.runs)} %</td>
                  <td className="py-2 pr-3">{s.fallbacks}</td>
                  <td className="py-2 pr-3">
                    {s.avgLatencyMs} ms / {s.p95LatencyMs} ms
                  </td>
                  <td className="py-2 pr-3">
                    {s.inputTokens} / {s.outputTokens}
                  </td>
                  <td className="py-2">
                    {formatMicroUsd(s.costMicroUsd)}
                    {s.unpricedModelRuns > 0 && s.costMicroUsd !== null ? ` (+ ${s.unpricedModelRuns} runs without a price)` : ""}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="runs-heading" className="mt-8">
        <h2 id="runs-heading" className="text-xl font-bold">
          Recent runs
        </h2>
        <table className="mt-3 w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-espresso/70">
              <th className="py-1 pr-3 font-semibold">When</th>
              <th className="py-1 pr-3 font-semibold">Agent</th>
              <th className="py-1 pr-3 font-semibold">Decided by</th>
              <th className="py-1 pr-3 font-semibold">Outcome</th>
              <th className="py-1 pr-3 font-semibold">Tokens · cost</th>
              <th className="py-1 font-semibold">What it saw and did</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className="border-t border-espresso/8 align-top">
                <td className="py-2 pr-3 whitespace-nowrap">{when.format(r.createdAt)}</td>
                <td className="py-2 pr-3">{name(r.agent)}</td>
                <td className="py-2 pr-3">{r.provider === "rules" ? "rules" : `${r.provider} ${r.model ?? ""}`}</td>
                <td className="py-2 pr-3">
                  {r.outcome === "OK" ? "OK" : r.outcome === "FALLBACK" ? "Model refused, rules used" : "Failed"} · {r.latencyMs} ms
                </td>
                <td className="py-2 pr-3 whitespace-nowrap">
                  {r.inputTokens === null ? "—" : `${r.inputTokens} / ${r.outputTokens ?? 0}`} · {formatMicroUsd(r.costMicroUsd === null ? null : Number(r.costMicroUsd))}
                </td>
                <td className="py-2">
                  {r.inputsSummary}
                  <details className="mt-1 text-xs text-espresso/70">
                    <summary className="cursor-pointer">Output{r.toolCalls ? ", tool calls" : ""}{r.error ? " and errors" : ""}</summary>
                    <pre className="font-mono break-all whitespace-pre-wrap">{JSON.stringify(r.output, null, 1)}</pre>
                    {r.toolCalls ? <pre className="font-mono break-all whitespace-pre-wrap">Tool calls: {JSON.stringify(r.toolCalls, null, 1)}</pre> : null}
                    {r.error ? <pre className="font-mono break-all whitespace-pre-wrap text-red-800">{r.error}</pre> : null}
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </ManagerFrame>
  );
}
