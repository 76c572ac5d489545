import { ConfigError } from "@/lib/env";
import { stampPeerAddresses } from "@/lib/security/peer-address";
import { preflight } from "@/lib/startup/preflight";

/**
 * Bad configuration or an unreachable database stops the server with one line that says what to
 * fix, rather than failing on the first request. Every request is stamped with its socket's peer
 * address before Next reads it (the base of per-client limits, lib/security/client-ip.ts).
 */
export async function checkConfigurationAtStartup(): Promise<void> {
  stampPeerAddresses();
  try {
    await preflight();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
