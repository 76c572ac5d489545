/**
 * Runs once when a server instance starts: bad configuration or an unreachable database stops it
 * with one line that says what to fix, rather than failing on the first request.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError } = await import("@/lib/env");
  const { preflight } = await import("@/lib/startup/preflight");
  try {
    await preflight();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
