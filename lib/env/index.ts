import { parseEnv, type Env } from "./schema";

export { ConfigError, parseEnv, type Env } from "./schema";

let cached: Env | undefined;

/** The validated configuration, read from process.env once. The only reader of process.env. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
