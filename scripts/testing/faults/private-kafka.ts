import { spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newClusterId, probe, warmUp } from "../../infra/kafka";
import { CACHE_DIR, DATA_DIR, ROOT, isAlive, run, sleep, waitUntil } from "../../infra/process";

/**
 * A private, throw-away Kafka broker for fault tests that stop the broker: same jars and config
 * template as scripts/infra/kafka.ts, but its own ports, data directory and log, and it is never
 * registered in .data/pids, so `infra` commands and the shared broker (the demo's, other test
 * runs') are never touched. The jars come from the shared cache (the faults setup fetches them).
 */

const LIBS_DIR = join(CACHE_DIR, "kafka", "libs");
const TEMPLATE = join(ROOT, "infra", "kafka", "server.properties");
const LOG4J2 = join(ROOT, "infra", "kafka", "log4j2.xml");
const MARKER = "kafka.Kafka";

export type PrivateBroker = {
  brokers: string[];
  port: number;
  dataDir: string;
  /** Starts (or restarts, keeping its data) the broker and waits until it answers. */
  start(): Promise<void>;
  /** SIGTERM, then SIGKILL after graceMs; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once (a crash: no controlled shutdown, nothing flushed); resolves once the process is gone. */
  kill(): Promise<void>;
  /** Stops it and deletes its data directory. */
  destroy(): Promise<void>;
};

export function privateBroker(opts: { port: number; controllerPort: number; id: string }): PrivateBroker {
  const dataDir = join(DATA_DIR, "kafka-faults", opts.id);
  const logDirs = join(dataDir, "data");
  const props = join(dataDir, "server.properties");
  const logsDir = join(dataDir, "logs");
  const logFile = join(logsDir, "kafka.log");
  const brokers = [`127.0.0.1:${opts.port}`];
  const jvm = [`-Dlog4j2.configurationFile=${LOG4J2}`, `-Dkafka.logs.dir=${logsDir}`, "-Djava.awt.headless=true", "-cp", `${LIBS_DIR}/*`];
  let pid: number | undefined;

  async function format(): Promise<void> {
    if (!existsSync(join(LIBS_DIR))) throw new Error(`no Kafka jars in ${LIBS_DIR}: start the shared broker once (npm run infra:up)`);
    mkdirSync(logsDir, { recursive: true });
    const values: Record<string, string> = { HOST: "127.0.0.1", BROKER_PORT: String(opts.port), CONTROLLER_PORT: String(opts.controllerPort), LOG_DIRS: logDirs };
    writeFileSync(props, readFileSync(TEMPLATE, "utf8").replace(/\$\{([A-Z_]+)\}/g, (whole, key: string) => values[key] ?? whole));
    const result = await run("java", [...jvm, "kafka.tools.StorageTool", "format", "--standalone", "-t", newClusterId(), "-c", props], { logFile, timeoutMs: 120_000 });
    if (result.code !== 0) throw new Error(`private kafka: format failed (exit ${result.code}), see ${logFile}`);
  }

  return {
    brokers,
    port: opts.port,
    dataDir,
    async start() {
      if (pid !== undefined && isAlive(pid)) return;
      if (!existsSync(join(logDirs, "meta.properties"))) await format();
      const fd = openSync(logFile, "a");
      try {
        const child = spawn("java", ["-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:+ExitOnOutOfMemoryError", ...jvm, MARKER, props], {
          cwd: ROOT,
          stdio: ["ignore", fd, fd],
        });
        pid = await new Promise<number>((resolve, reject) => {
          child.once("error", reject);
          child.once("spawn", () => resolve(child.pid ?? -1));
        });
        child.unref();
      } finally {
        closeSync(fd);
      }
      const started = pid;
      const healthy = await waitUntil(async () => (await probe(brokers)).ok, {
        timeoutMs: 60_000,
        intervalMs: 300,
        abortIf: () => (isAlive(started) ? undefined : `private kafka exited during startup, see ${logFile}`),
      });
      if (!healthy) throw new Error(`private kafka on ${brokers[0]} did not answer within 60 s, see ${logFile}`);
      await warmUp(brokers, 60_000);
    },
    async stop(graceMs = 15_000) {
      const current = pid;
      pid = undefined;
      if (current === undefined || !isAlive(current)) return;
      process.kill(current, "SIGTERM");
      if (!(await waitUntil(async () => !isAlive(current), { timeoutMs: graceMs, intervalMs: 100 }))) {
        process.kill(current, "SIGKILL");
        await waitUntil(async () => !isAlive(current), { timeoutMs: 5_000, intervalMs: 100 });
      }
      await sleep(100);
    },
    async kill() {
      const current = pid;
      pid = undefined;
      if (current === undefined || !isAlive(current)) return;
      process.kill(current, "SIGKILL");
      await waitUntil(async () => !isAlive(current), { timeoutMs: 5_000, intervalMs: 50 });
      await sleep(100);
    },
    async destroy() {
      await this.stop(5_000).catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
