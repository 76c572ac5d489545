import "server-only";
import { assertProductionReady as checkProduction, parseEnv, type Env } from "./schema";

export { ConfigError, parseEnv, type Env } from "./schema";

/** Throws a ConfigError when a production server lacks what it must have (see schema.ts). */
export function assertProductionReady(): void {
  checkProduction(env(), process.env);
}

let cached: Env | undefined;

/** The validated configuration, read from process.env once. The only reader of process.env. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
