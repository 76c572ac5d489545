/**
 * The email channel's rate limit, per person: at most `max` alert mails in any `windowMs`
 * (a sliding window over the mails actually recorded). An alert over the limit is not mailed but
 * recorded as SUPPRESSED on its notification (the bell still shows it); the next mail that goes
 * out lists the alerts suppressed since the previous mail, so a burst ends in one summary rather
 * than silence. Pure: the notifier reads the person's recent records and applies this.
 */

export type MailRecord = { id: string; at: Date; status: "QUEUED" | "SUPPRESSED" };
export type MailLimit = { max: number; windowMs: number };

/** Four mails an hour per person: enough for a real incident, not a flood. */
export const ALERT_MAIL_LIMIT: MailLimit = { max: 4, windowMs: 60 * 60_000 };

export type MailDecision = { send: true; heldBack: string[] } | { send: false; retryAfterMs: number };

/**
 * Whether a mail at `at` may go out, given this person's earlier records (any order).
 * heldBack: the ids of SUPPRESSED records after the last QUEUED one (to be summarised in this mail).
 */
export function decideMail(records: readonly MailRecord[], at: Date, limit: MailLimit = ALERT_MAIL_LIMIT): MailDecision {
  const from = at.getTime() - limit.windowMs;
  const sent = records.filter((r) => r.status === "QUEUED" && r.at.getTime() > from && r.at.getTime() <= at.getTime()).sort((a, b) => a.at.getTime() - b.at.getTime());
  if (sent.length >= limit.max) {
    // The window frees a place when the oldest mail in it leaves.
    const oldest = sent[sent.length - limit.max]!;
    return { send: false, retryAfterMs: oldest.at.getTime() + limit.windowMs - at.getTime() };
  }
  const lastSent = records.filter((r) => r.status === "QUEUED" && r.at.getTime() <= at.getTime()).reduce((max, r) => Math.max(max, r.at.getTime()), -Infinity);
  const heldBack = records
    .filter((r) => r.status === "SUPPRESSED" && r.at.getTime() > lastSent && r.at.getTime() <= at.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((r) => r.id);
  return { send: true, heldBack };
}
