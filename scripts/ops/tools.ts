import { spawnSync } from "node:child_process";

/**
 * The operations checks' command-line tools, installed from Debian's packages when missing (CI
 * starts with PostgreSQL and Redis only). `kubectl` comes with this machine kind; elsewhere its
 * package is in the Kubernetes apt repository.
 */
const PACKAGES: Record<string, string> = {
  promtool: "prometheus",
  prometheus: "prometheus",
  amtool: "prometheus-alertmanager",
  alertmanager: "prometheus-alertmanager",
  podman: "podman",
  runc: "runc",
  debootstrap: "debootstrap",
  pg_dump: "postgresql-client",
  pg_restore: "postgresql-client",
  kubectl: "kubectl",
};

export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

function aptInstall(packages: string[]): boolean {
  const install = () => spawnSync("apt-get", ["install", "-y", "-q", "--no-install-recommends", ...packages], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
  if (install()) return true;
  // A fresh machine may have no package lists yet.
  spawnSync("apt-get", ["update", "-q"], { stdio: "ignore" });
  return install();
}

/** Makes sure every command is on PATH; throws with what to install otherwise. */
export function ensureTools(...commands: string[]): void {
  const missing = commands.filter((c) => !hasCommand(c));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((c) => PACKAGES[c] ?? c))];
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    console.log(`installing ${packages.join(", ")} (apt-get) for ${missing.join(", ")}…`);
    aptInstall(packages);
  }
  const still = commands.filter((c) => !hasCommand(c));
  if (still.length > 0) throw new Error(`missing ${still.join(", ")}: install the Debian package(s) ${packages.join(" ")}${isRoot ? "" : " (as root)"}`);
}
