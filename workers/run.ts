import { ConfigError } from "@/lib/env";
import { runMain } from "@/lib/startup/preflight";
import { knownNames, workersNamed } from "./registry";
import { runWorkers } from "./runtime";

/** Runs one worker, or a group of them (registry.ts), in this process: `tsx workers/run.ts <name>`. The supervisor calls it. */
runMain(async () => {
  const name = process.argv[2] ?? "";
  const defs = workersNamed(name);
  if (!defs) throw new ConfigError(`Unknown worker "${name}". Known: ${knownNames().join(", ")}`);
  await runWorkers(name, defs);
});
