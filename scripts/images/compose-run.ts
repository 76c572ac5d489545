import { parse } from "yaml";
import { podman } from "./podman";

/**
 * Starts the services of a compose file with plain `podman run`, in dependency order, honouring
 * `depends_on` conditions (service_started, service_healthy, service_completed_successfully) and
 * profiles. Debian's podman-compose (1.0.3) ignores those conditions, and the stack's order matters
 * (migrations before the app, contracts before the watcher), so the image check uses this. It reads
 * the same compose file a Docker Compose user runs: image, command, environment, ports, volumes,
 * healthcheck, depends_on, profiles, restart. Nothing else in that file is interpreted.
 */

type Healthcheck = { test: string[] | string; interval?: string; timeout?: string; retries?: number };
type Service = {
  image: string;
  command?: string[];
  environment?: Record<string, string | number | null>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: Healthcheck;
  depends_on?: Record<string, { condition: "service_started" | "service_healthy" | "service_completed_successfully" }>;
  profiles?: string[];
  restart?: string;
};
type ComposeFile = { services: Record<string, Service>; volumes?: Record<string, unknown> };

/** ${VAR}, ${VAR:-default}, ${VAR:?error} and $$ as Compose does. */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (match, name: string | undefined, op: string | undefined, arg: string | undefined) => {
    if (match === "$$") return "$";
    const value = env[name!];
    const unset = value === undefined || (op?.startsWith(":") && value === "");
    if (op?.endsWith("?") && unset) throw new Error(`compose: ${name} is required: ${arg}`);
    if (op?.endsWith("-") && unset) return arg ?? "";
    return value ?? "";
  });
}

export function loadCompose(text: string, env: Record<string, string | undefined>): ComposeFile {
  return parse(interpolate(text, env), { merge: true }) as ComposeFile;
}

/** Services to start, each after what it depends on. */
export function startOrder(file: ComposeFile, profiles: string[]): string[] {
  const active = Object.entries(file.services).filter(([, s]) => !s.profiles || s.profiles.some((p) => profiles.includes(p)));
  const names = new Set(active.map(([n]) => n));
  const order: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (order.includes(name)) return;
    if (path.includes(name)) throw new Error(`compose: dependency cycle ${[...path, name].join(" → ")}`);
    for (const dep of Object.keys(file.services[name]!.depends_on ?? {})) {
      if (!names.has(dep)) throw new Error(`compose: ${name} depends on ${dep}, which is not enabled`);
      visit(dep, [...path, name]);
    }
    order.push(name);
  };
  for (const name of names) visit(name, []);
  return order;
}


export type RunningStack = { project: string; containers: string[]; logs: (service: string) => string; down: () => void };

export async function composeUp(text: string, opts: { project: string; env: Record<string, string | undefined>; profiles?: string[]; timeoutMs?: number; onStep?: (line: string) => void }): Promise<RunningStack> {
  const file = loadCompose(text, opts.env);
  const network = `${opts.project}_default`;
  const containers: string[] = [];
  const name = (service: string) => `${opts.project}-${service}`;
  const step = opts.onStep ?? ((l: string) => console.log(l));
  const down = () => {
    for (const c of [...containers].reverse()) podman(["rm", "-f", "-t", "10", c], { allowFail: true });
    podman(["network", "rm", "-f", network], { allowFail: true });
    for (const v of Object.keys(file.volumes ?? {})) podman(["volume", "rm", "-f", `${opts.project}_${v}`], { allowFail: true });
  };
  down();
  podman(["network", "create", network]);
  const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
  try {
    for (const service of startOrder(file, opts.profiles ?? [])) {
      const s = file.services[service]!;
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) await waitFor(name(dep), condition, deadline, step);
      const args = ["run", "-d", "--name", name(service), "--network", network, "--network-alias", service, "--label", `com.docker.compose.project=${opts.project}`];
      for (const [k, v] of Object.entries(s.environment ?? {})) if (v !== null && v !== "") args.push("-e", `${k}=${v}`);
      // A worker that starts before Kafka accepts clients exits and is restarted, as under Compose.
      if (s.restart && s.restart !== "no") args.push("--restart", s.restart);
      for (const p of s.ports ?? []) args.push("-p", p.split(":").length === 2 ? `127.0.0.1:${p}` : p);
      for (const v of s.volumes ?? []) args.push("-v", v.startsWith("/") || v.startsWith(".") ? v : `${opts.project}_${v}`);
      if (s.healthcheck) {
        const test = s.healthcheck.test;
        const cmd = typeof test === "string" ? test : test[0] === "CMD-SHELL" ? test[1]! : JSON.stringify(test.slice(1));
        args.push("--health-cmd", cmd, "--health-interval", s.healthcheck.interval ?? "10s", "--health-retries", String(s.healthcheck.retries ?? 3), "--health-timeout", s.healthcheck.timeout ?? "5s");
      }
      args.push(s.image, ...(s.command ?? []));
      podman(args);
      containers.push(name(service));
      step(`compose: started ${service}`);
    }
  } catch (error) {
    const logs = containers.map((c) => `--- ${c}\n${podman(["logs", "--tail", "30", c], { allowFail: true }).stdout}${podman(["logs", "--tail", "30", c], { allowFail: true }).stderr}`).join("\n");
    down();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`);
  }
  const logs = (service: string) => {
    const r = podman(["logs", name(service)], { allowFail: true });
    return r.stdout + r.stderr;
  };
  return { project: opts.project, containers, logs, down };
}

async function waitFor(container: string, condition: string, deadline: number, step: (l: string) => void): Promise<void> {
  const started = Date.now();
  for (;;) {
    const state = podman(["inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", container], { allowFail: true }).stdout.trim();
    const [status, exit] = state.split(" ");
    if (condition === "service_started" && status === "running") return;
    if (condition === "service_completed_successfully" && status === "exited") {
      if (exit === "0") return step(`compose: ${container} completed (${Math.round((Date.now() - started) / 1000)}s)`);
      throw new Error(`compose: ${container} exited with ${exit}`);
    }
    if (condition === "service_healthy") {
      if (status === "exited") throw new Error(`compose: ${container} exited (${exit}) before it was healthy`);
      // No systemd timers here: run the container's health check ourselves.
      if (status === "running" && podman(["healthcheck", "run", container], { allowFail: true }).code === 0) return step(`compose: ${container} healthy (${Math.round((Date.now() - started) / 1000)}s)`);
    }
    if (Date.now() > deadline) throw new Error(`compose: ${container} not ${condition} in time (status ${state})`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

