import { ConfigError } from "@/lib/env";
import { instrumentHttpServer } from "@/lib/metrics/http-server";
import { preflight } from "@/lib/startup/preflight";
import { startTracing } from "@/lib/tracing";

/**
 * Bad configuration or an unreachable database stops the server with one line that says what to
 * fix, rather than failing on the first request.
 */
export async function checkConfigurationAtStartup(): Promise<void> {
  try {
    await preflight();
    startTracing();
    instrumentHttpServer();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
