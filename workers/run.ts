import { ConfigError } from "@/lib/env";
import { runMain } from "@/lib/startup/preflight";
import { findWorker, WORKERS } from "./registry";
import { runWorker } from "./runtime";

/** Runs one worker in this process: `tsx workers/run.ts <name>`. The supervisor calls it. */
runMain(async () => {
  const name = process.argv[2] ?? "";
  const def = findWorker(name);
  if (!def) throw new ConfigError(`Unknown worker "${name}". Known: ${WORKERS.map((w) => w.name).join(", ")}`);
  await runWorker(def);
});
