import { ConfigError } from "@/lib/env";
import { instrumentHttpServer } from "@/lib/metrics/http-server";
import { stampPeerAddresses } from "@/lib/security/peer-address";
import { preflight } from "@/lib/startup/preflight";
import { startTracing } from "@/lib/tracing";

/**
 * Bad configuration or an unreachable database stops the server with one line that says what to
 * fix, rather than failing on the first request. Every request is stamped with its socket's peer
 * address before Next reads it (the base of per-client limits, lib/security/client-ip.ts).
 */
export async function checkConfigurationAtStartup(): Promise<void> {
  stampPeerAddresses();
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
