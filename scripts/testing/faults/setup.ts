import { install } from "../../infra/kafka";

/**
 * Vitest global setup for the `faults` project. Each test creates (and removes) its own database,
 * topic prefix and workers, so there is nothing shared to make here: this only fetches the Kafka
 * jars the private broker needs and quiets the in-process code.
 */
export default async function setup() {
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? "warn";
  // The private broker runs from the cached jars; the shared one may be running from elsewhere.
  await install();
}
