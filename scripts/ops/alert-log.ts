import { createServer, type Server } from "node:http";

/**
 * The platform alerts' receiver (infra/alertmanager/alertmanager.yml; the agents' notifier carries
 * the shops' alerts, not these):
 * Alertmanager's webhook posts here; each alert is written as one JSON line on stdout (the
 * cluster's log pipeline keeps it) and the last 200 are listed at GET /alerts for a person to see.
 *   tsx scripts/ops/alert-log.ts [port]   (default 9095)
 */

export type LoggedAlert = { receivedAt: string; pager: boolean; status: string; alertname: string; severity?: string; labels: Record<string, string>; summary?: string; runbook?: string };
type WebhookBody = { status: string; alerts: { status: string; labels: Record<string, string>; annotations: Record<string, string> }[] };

export function alertLog(): { server: Server; alerts: LoggedAlert[] } {
  const alerts: LoggedAlert[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://alert-log");
    if (req.method === "GET" && url.pathname === "/alerts") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(alerts));
      return;
    }
    if (req.method !== "POST" || url.pathname !== "/alerts") {
      res.writeHead(404).end();
      return;
    }
    let body = "";
    req.on("data", (d: Buffer) => {
      body += d.toString();
      if (body.length > 1_000_000) req.destroy();
    });
    req.on("end", () => {
      try {
        const payload = JSON.parse(body) as WebhookBody;
        for (const a of payload.alerts) {
          const entry: LoggedAlert = { receivedAt: new Date().toISOString(), pager: url.searchParams.get("pager") === "1", status: a.status, alertname: a.labels.alertname ?? "unknown", severity: a.labels.severity, labels: a.labels, summary: a.annotations.summary, runbook: a.annotations.runbook };
          alerts.push(entry);
          if (alerts.length > 200) alerts.shift();
          process.stdout.write(`${JSON.stringify({ msg: "alert", ...entry })}\n`);
        }
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end("not an Alertmanager webhook payload");
      }
    });
  });
  return { server, alerts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 9095);
  alertLog().server.listen(port, () => process.stdout.write(`alert log on :${port} (POST /alerts from Alertmanager, GET /alerts to read)\n`));
}
