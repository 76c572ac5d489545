import type { Db, Prisma } from "@/lib/db";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";

type Tx = Prisma.TransactionClient;

export type AlertSeverity = "info" | "warning" | "critical";
export type WantedAlert = { subject: string; severity: AlertSeverity; message: string };

/**
 * Brings a shop's open alerts of one agent in line with what holds now: raises the wanted ones
 * that are not open yet, resolves the open ones no longer wanted, each announced on
 * agents.alerts.v1 (the input of the notifier, and of the integrations worker for Slack). Returns what changed.
 */
export async function syncAlerts(tx: Tx, agent: string, shopId: string, wanted: readonly WantedAlert[], runId: string | null, now = new Date()): Promise<{ raised: WantedAlert[]; resolved: string[] }> {
  const open = await tx.agentAlert.findMany({ where: { agent, shopId, resolvedAt: null } });
  const openBySubject = new Map(open.map((a) => [a.subject, a]));
  const wantedSubjects = new Set(wanted.map((w) => w.subject));
  const raised = wanted.filter((w) => !openBySubject.has(w.subject));
  const resolving = open.filter((a) => !wantedSubjects.has(a.subject));
  const events = [];
  for (const w of raised) {
    const row = await tx.agentAlert.create({ data: { agent, shopId, subject: w.subject, severity: w.severity, message: w.message, runId }, select: { id: true } });
    events.push(createEvent("agents.alert", row.id, { alertId: row.id, agent, shopId, subject: w.subject, severity: w.severity, message: w.message, resolved: false }, now));
  }
  if (resolving.length > 0) await tx.agentAlert.updateMany({ where: { id: { in: resolving.map((a) => a.id) } }, data: { resolvedAt: now } });
  for (const a of resolving) events.push(createEvent("agents.alert", a.id, { alertId: a.id, agent, shopId, subject: a.subject, severity: a.severity as AlertSeverity, message: a.message, resolved: true }, now));
  await enqueueEvents(tx, events);
  return { raised, resolved: resolving.map((a) => a.subject) };
}

export async function openAlerts(db: Db, shopId: string) {
  return db.agentAlert.findMany({ where: { shopId, resolvedAt: null }, orderBy: { createdAt: "desc" }, take: 50 });
}
