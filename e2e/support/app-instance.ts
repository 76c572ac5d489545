import { spawn, type ChildProcess } from "node:child_process";

/**
 * Another instance of the app (the same production build and database) on its own port, with
 * settings of its own: two instances behind one database (multi-instance spec), or the real
 * default limits for the attacker spec. Stopped with its process group.
 */
export type AppInstance = { url: string; stop(): void; exited(): Promise<number | null> };

export async function startAppInstance(port: number, env: Record<string, string | undefined> = {}): Promise<AppInstance> {
  // A setting given as undefined is removed: the instance then runs with the app's default.
  const merged = Object.fromEntries(Object.entries({ ...process.env, APP_URL: `http://127.0.0.1:${port}`, ...env }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  const child: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: merged,
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${url}/api/health`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null) throw new Error(`the app instance on port ${port} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`the app instance on port ${port} did not start`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    exited: () => exited,
    stop: () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
    },
  };
}
