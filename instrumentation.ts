/** Runs once when a server instance starts; the Node-only checks live in instrumentation-node.ts. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkConfigurationAtStartup } = await import("./instrumentation-node");
    await checkConfigurationAtStartup();
  }
}
