import { existsSync } from "node:fs";
import { join } from "node:path";
import { CACHE_DIR } from "../../infra/process";

/**
 * Vitest global setup for the `faults` project. Each test creates (and removes) its own database,
 * topic prefix and workers, so there is nothing shared to make here: this only checks what the
 * tests rely on and quiets the in-process code.
 */
export default function setup() {
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? "warn";
  if (!existsSync(join(CACHE_DIR, "kafka", "libs"))) {
    throw new Error("faults: no Kafka jars cached; run `npm run infra:up` (or `tsx scripts/test.ts faults`, which starts the services) first");
  }
}
