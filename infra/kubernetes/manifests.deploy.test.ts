/* eslint-disable @typescript-eslint/no-explicit-any -- rendered YAML objects are untyped; the schemas check them */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { PROCESSES } from "@/workers/registry";

/**
 * The Kubernetes manifests, checked without a cluster: `kubectl kustomize` renders every overlay,
 * every rendered object validates against the Kubernetes OpenAPI schemas (kubernetes-models), and
 * the rules the platform relies on hold (probes, requests/limits, non-root, a PDB and a policy
 * for every workload, only the app reachable from outside).
 */

const ROOT = fileURLToPath(new URL(".", import.meta.url));
const OVERLAYS = readdirSync(`${ROOT}overlays`);

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; data?: Record<string, string> };

function render(dir: string): K8sObject[] {
  const out = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8" });
  return parseAllDocuments(out).map((d) => d.toJSON() as K8sObject).filter(Boolean);
}

/** kubernetes-models' class for apiVersion/kind: `apps/v1` → kubernetes-models/apps/v1, `v1` → kubernetes-models/v1. */
async function modelFor(o: K8sObject): Promise<{ validate(): void }> {
  const models = (await import(`kubernetes-models/${o.apiVersion}`)) as Record<string, new (data: unknown) => { validate(): void }>;
  const Model = models[o.kind];
  if (!Model) throw new Error(`no schema for ${o.apiVersion} ${o.kind}`);
  return new Model(o);
}

const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([k, v]) => labels[k] === v);

describe.each(OVERLAYS)("overlay %s", (overlay) => {
  const objects = render(`${ROOT}overlays/${overlay}`);
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const deployments = of("Deployment");

  it("validates every object against the Kubernetes schemas", async () => {
    expect(objects.length).toBeGreaterThan(15);
    for (const o of objects) {
      const model = await modelFor(o);
      expect(() => model.validate(), `${o.kind}/${o.metadata.name}`).not.toThrow();
    }
  });

  it("runs the app and one Deployment per worker process, in one namespace, from a pinned registry image", () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(["app", ...PROCESSES].sort());
    expect(new Set(objects.map((o) => o.metadata.namespace)).size).toBe(1);
    for (const d of deployments) {
      const [c] = d.spec.template.spec.containers;
      expect(c.image, d.metadata.name).toMatch(/^registry\.example\.com\/go-coffee\/app:/);
      if (d.metadata.name !== "app") expect(c.args).toEqual(["worker", d.metadata.name]);
    }
  });

  it("gives every container probes, requests and limits, and no root", () => {
    for (const d of deployments) {
      const pod = d.spec.template.spec;
      expect(pod.securityContext.runAsNonRoot, d.metadata.name).toBe(true);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const c of pod.containers) {
        expect(c.readinessProbe?.httpGet?.path, d.metadata.name).toBe(d.metadata.name === "app" ? "/api/health" : "/health");
        expect(c.livenessProbe?.httpGet?.path).toBe(c.readinessProbe.httpGet.path);
        expect(Object.keys(c.resources.requests).sort()).toEqual(["cpu", "memory"]);
        expect(Object.keys(c.resources.limits).sort()).toEqual(["cpu", "memory"]);
        expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      }
    }
  });

  it("takes settings from the ConfigMap and secrets from a Secret by reference only", () => {
    const configMaps = of("ConfigMap").map((c) => c.metadata.name);
    expect(of("Secret")).toEqual([]);
    const workloads = [...deployments, ...of("Job")];
    for (const w of workloads) {
      const refs = w.spec.template.spec.containers[0].envFrom;
      expect(configMaps).toContain(refs.find((r: any) => r.configMapRef).configMapRef.name);
      expect(refs.find((r: any) => r.secretRef).secretRef.name).toBe("go-coffee-secrets");
    }
    const config = of("ConfigMap")[0]!.data!;
    for (const secret of ["DATABASE_URL", "REDIS_URL", "NEXTAUTH_SECRET"]) expect(config[secret]).toBeUndefined();
    expect(config.APP_URL).toMatch(/^https:\/\//);
  });

  it("has a disruption budget for every Deployment and autoscalers that point at real ones", () => {
    for (const d of deployments) {
      const budgets = of("PodDisruptionBudget").filter((p) => matches(p.spec.selector.matchLabels, d.spec.template.metadata.labels));
      expect(budgets, d.metadata.name).toHaveLength(1);
    }
    const hpas = of("HorizontalPodAutoscaler");
    expect(hpas.map((h) => h.spec.scaleTargetRef.name).sort()).toEqual(["analytics", "app", "order-processor"]);
    for (const h of hpas) {
      expect(deployments.map((d) => d.metadata.name)).toContain(h.spec.scaleTargetRef.name);
      expect(h.spec.minReplicas).toBeLessThanOrEqual(h.spec.maxReplicas);
    }
    // Consumers scale on their own group's lag, never past the topic's partitions.
    const partitions = Number(of("ConfigMap")[0]!.data!.KAFKA_PARTITIONS);
    for (const h of hpas.filter((x) => x.spec.scaleTargetRef.name !== "app")) {
      expect(h.spec.metrics[0].external.metric).toEqual({ name: "gocoffee_kafka_consumer_lag", selector: { matchLabels: { consumer: h.spec.scaleTargetRef.name } } });
      expect(h.spec.maxReplicas).toBeLessThanOrEqual(Math.max(partitions, 3));
    }
  });

  it("exposes only the app: default deny, the ingress controller to the app, Prometheus to metrics ports", () => {
    const policies = of("NetworkPolicy");
    const deny = policies.find((p) => Object.keys(p.spec.podSelector).length === 0);
    expect(deny?.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(deny?.spec.ingress ?? []).toEqual([]);
    const workerLabels = deployments.filter((d) => d.metadata.name !== "app").map((d) => d.spec.template.metadata.labels);
    for (const p of policies.filter((x) => x.spec.ingress)) {
      const selects = (labels: Record<string, string>) => matches(p.spec.podSelector.matchLabels ?? {}, labels);
      const sources = p.spec.ingress.flatMap((r: any) => r.from.map((f: any) => f.namespaceSelector.matchLabels["kubernetes.io/metadata.name"]));
      if (workerLabels.some(selects)) expect(sources, p.metadata.name).toEqual(["monitoring"]);
    }
    expect(of("Service").map((s) => s.metadata.name)).toEqual(["app"]);
    expect(of("Ingress").flatMap((i) => i.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => p.backend.service.name)))).toEqual(["app"]);
  });

  it("runs migrations as a one-shot Job", () => {
    const [job] = of("Job");
    expect(job?.spec.template.spec.restartPolicy).toBe("Never");
    expect(job?.spec.template.spec.containers[0].args).toEqual(["migrate"]);
  });
});

it("has staging, production and a second production region", () => {
  expect(OVERLAYS.sort()).toEqual(["production-eu", "production-us", "staging"]);
  const region = (o: string) => render(`${ROOT}overlays/${o}`).find((x) => x.kind === "ConfigMap")!.data!.DEPLOYMENT_REGION;
  expect(new Set(OVERLAYS.map(region)).size).toBe(3);
});
