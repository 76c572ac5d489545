import { ConfigError } from "@/lib/env";
import { preflight } from "@/lib/startup/preflight";

/**
 * Bad configuration or an unreachable database stops the server with one line that says what to
 * fix, rather than failing on the first request.
 */
export async function checkConfigurationAtStartup(): Promise<void> {
  try {
    await preflight();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
