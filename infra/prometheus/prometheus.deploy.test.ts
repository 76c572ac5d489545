import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { alertLog } from "@/scripts/ops/alert-log";
import { PROCESSES } from "@/workers/registry";

/**
 * Alert rules (promtool check + the unit tests in alerts.test.yml), their runbooks, the Grafana
 * dashboards' PromQL, and Alertmanager: amtool's config check, then a real Alertmanager routing an
 * alert to the logged webhook receiver.
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const at = (p: string) => join(ROOT, p);
const promtool = (...args: string[]) => execFileSync("promtool", args, { encoding: "utf8", cwd: at("infra/prometheus") });

type Rule = { alert?: string; record?: string; expr: string };
const rules = (parse(readFileSync(at("infra/prometheus/alerts.yml"), "utf8")) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
const alerts = rules.flatMap((r) => (r.alert ? [r.alert] : []));
const dashboards = readdirSync(at("infra/grafana/dashboards")).map((f) => ({ file: f, json: JSON.parse(readFileSync(at(`infra/grafana/dashboards/${f}`), "utf8")) as { uid: string; panels: { title: string; targets: { expr: string }[] }[] } }));

/** gocoffee_* metric names the code defines (counter/gauge/histogram calls), plus prom-client's default process metrics. */
function definedMetrics(): Set<string> {
  const names = new Set<string>();
  const files = execFileSync("git", ["ls-files", "lib", "app", "workers"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter((f) => f.endsWith(".ts") && !f.includes(".test."));
  for (const f of files) for (const m of readFileSync(at(f), "utf8").matchAll(/(counter|gauge|histogram)\(\s*"(gocoffee_[a-z0-9_]+)"/g)) names.add(m[2]!);
  return names;
}
const DEFAULTS = /^gocoffee_(process|nodejs)_/;
const usedMetrics = (expr: string) => [...expr.matchAll(/\bgocoffee_[a-z0-9_]+/g)].map((m) => m[0]);

describe("Prometheus rules", () => {
  it("pass promtool check rules", () => {
    expect(promtool("check", "rules", "alerts.yml")).toContain(`SUCCESS: ${rules.length} rules found`);
  });

  it("pass their unit tests (promtool test rules)", () => {
    expect(promtool("test", "rules", "alerts.test.yml")).toContain("SUCCESS");
  });

  it("test every alert firing, and have a runbook section in docs/operations.md", () => {
    const tests = readFileSync(at("infra/prometheus/alerts.test.yml"), "utf8");
    const handbook = readFileSync(at("docs/operations.md"), "utf8");
    for (const alert of alerts) {
      expect(tests, `${alert} has no firing test`).toMatch(new RegExp(`alertname: ${alert}\\n\\s+exp_alerts:\\n\\s+- exp_labels`));
      expect(handbook, `${alert} has no section in docs/operations.md`).toMatch(new RegExp(`^### ${alert}$`, "m"));
    }
    expect(alerts.length).toBeGreaterThanOrEqual(12);
  });

  it("notice any process of the layout missing altogether", () => {
    const absent = rules.find((r) => r.alert === "GoCoffeeWorkerAbsent")!.expr;
    for (const name of PROCESSES) expect(absent, `no absent() for ${name}`).toContain(`absent(up{job="go-coffee-workers", service="${name}"})`);
  });

  it("use only metrics the code exports", () => {
    const defined = definedMetrics();
    const base = (m: string) => m.replace(/_(bucket|sum|count)$/, "");
    const exprs = [...rules.map((r) => r.expr), ...dashboards.flatMap((d) => d.json.panels.flatMap((p) => p.targets.map((t) => t.expr)))];
    for (const m of exprs.flatMap(usedMetrics)) if (!DEFAULTS.test(m)) expect(defined, `${m} is not defined in lib/, app/ or workers/`).toContain(base(m));
  });
});

describe("Prometheus configuration", () => {
  it("passes promtool check config (with static targets in place of Kubernetes discovery)", () => {
    // Debian's Prometheus is built without Kubernetes service discovery; the rest of the file is
    // checked as it is, with each kubernetes_sd_configs block swapped for an equivalent static one.
    const config = readFileSync(at("infra/prometheus/prometheus.yml"), "utf8");
    expect(config).toContain("kubernetes_sd_configs");
    const dir = mkdtempSync(join(tmpdir(), "gocoffee-prometheus-config-"));
    writeFileSync(join(dir, "alerts.yml"), readFileSync(at("infra/prometheus/alerts.yml")));
    // The app's bearer token is a mounted Secret in the cluster (docs/operations.md); here a file of our own.
    writeFileSync(join(dir, "metrics-token"), "a-token-for-the-config-check");
    writeFileSync(
      join(dir, "prometheus.yml"),
      config.replace(/kubernetes_sd_configs: .*/g, 'static_configs: [{ targets: ["127.0.0.1:3000"] }]').replace("/etc/prometheus/secrets/go-coffee-metrics-token", join(dir, "metrics-token")),
    );
    expect(execFileSync("promtool", ["check", "config", join(dir, "prometheus.yml")], { encoding: "utf8" })).toContain("SUCCESS");
  });
});

describe("Grafana dashboards", () => {
  it("cover the overview, the ordering pipeline, payments, workers and the database", () => {
    expect(dashboards.map((d) => d.file).sort()).toEqual(["database.json", "ordering-pipeline.json", "overview.json", "payments.json", "workers.json"]);
    expect(new Set(dashboards.map((d) => d.json.uid)).size).toBe(dashboards.length);
  });

  it("hold only PromQL that promtool accepts", () => {
    // Each panel query becomes a recording rule; Grafana's $__rate_interval becomes a real range.
    const groups = dashboards.map((d) => ({
      name: d.file,
      rules: d.json.panels.flatMap((p, i) => p.targets.map((t, j) => ({ record: `dashboard:${d.json.uid.replaceAll("-", "_")}:panel_${i}_${j}`, expr: t.expr.replaceAll("$__rate_interval", "5m") }))),
    }));
    expect(groups.flatMap((g) => g.rules).length).toBeGreaterThan(20);
    const dir = mkdtempSync(join(tmpdir(), "gocoffee-dashboards-"));
    writeFileSync(join(dir, "panels.yml"), stringify({ groups }));
    expect(promtool("check", "rules", join(dir, "panels.yml"))).toContain("SUCCESS");
  });
});

describe("Alertmanager", () => {
  it("passes amtool check-config", () => {
    const out = execFileSync("amtool", ["check-config", at("infra/alertmanager/alertmanager.yml")], { encoding: "utf8" });
    expect(out).toContain("SUCCESS");
  });

  it("routes an alert to the logged receiver, critical ones to the pager route too", async () => {
    const log = alertLog();
    await new Promise<void>((r) => log.server.listen(0, "127.0.0.1", r));
    const logPort = (log.server.address() as { port: number }).port;
    // The real config, with the receiver's cluster address pointed at this process and short waits.
    const config = readFileSync(at("infra/alertmanager/alertmanager.yml"), "utf8").replaceAll("http://alert-log.monitoring.svc:9095", `http://127.0.0.1:${logPort}`).replace("group_wait: 30s", "group_wait: 1s");
    const dir = mkdtempSync(join(tmpdir(), "gocoffee-alertmanager-"));
    writeFileSync(join(dir, "alertmanager.yml"), config);
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const am = spawn("prometheus-alertmanager", [`--config.file=${join(dir, "alertmanager.yml")}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, "--cluster.listen-address=", "--log.level=warn"], { stdio: "ignore" });
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100 && !(await fetch(`${url}/-/ready`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
      execFileSync("amtool", ["alert", "add", "GoCoffeeWorkerDown", "severity=critical", "team=platform", "service=order-processor", "--annotation=summary=No order-processor worker is up", `--alertmanager.url=${url}`]);
      for (let i = 0; i < 100 && log.alerts.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
      expect(log.alerts.map((a) => ({ alertname: a.alertname, pager: a.pager, summary: a.summary })).sort((a, b) => Number(a.pager) - Number(b.pager))).toEqual([
        { alertname: "GoCoffeeWorkerDown", pager: false, summary: "No order-processor worker is up" },
        { alertname: "GoCoffeeWorkerDown", pager: true, summary: "No order-processor worker is up" },
      ]);
      const listed = (await (await fetch(`http://127.0.0.1:${logPort}/alerts`)).json()) as { alertname: string }[];
      expect(listed).toHaveLength(2);
    } finally {
      am.kill();
      log.server.close();
    }
  });
});
