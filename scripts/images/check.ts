import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { placeOrder, waitForStatus } from "../testing/stack";
import { buildImages, IMAGES } from "./build";
import { composeUp } from "./compose-run";
import { podman, ROOT } from "./podman";

/**
 * `npm run check:images`: proves the containers build and start here. Builds every image
 * (base.ts, build.ts), starts infra/docker/compose.yaml with the demo profile under podman
 * (compose-run.ts), then, as a customer would, places an order through the published app port and
 * waits until the order processor has queued it. Also checks what the images promise: the app and
 * workers run as a non-root user and report healthy through the image's HEALTHCHECK.
 * Ports: the app on 127.0.0.1:$CHECK_IMAGES_PORT (default 3380). KEEP=1 leaves the stack running;
 * CHECK_IMAGES_SKIP_BUILD=1 starts the images already built.
 */

const PORT = process.env.CHECK_IMAGES_PORT ?? "3380";
const PROJECT = "gocoffee-check";

async function main(): Promise<void> {
  const started = Date.now();
  // CHECK_IMAGES_SKIP_BUILD=1 reuses the images already built (to iterate on the compose file).
  const timings = process.env.CHECK_IMAGES_SKIP_BUILD === "1" ? {} : await buildImages();
  const built = Math.round((Date.now() - started) / 1000);
  const size = podman(["image", "inspect", "--format", "{{.Size}}", IMAGES.app]).stdout.trim();
  console.log(`check:images: images built in ${built}s (${Object.entries(timings).map(([k, v]) => `${k} ${v}s`).join(", ")}); app image ${(Number(size) / 1e9).toFixed(2)} GB`);

  const upStarted = Date.now();
  const env = { ...process.env, POSTGRES_PASSWORD: randomBytes(12).toString("hex"), REDIS_PASSWORD: randomBytes(12).toString("hex"), NEXTAUTH_SECRET: randomBytes(32).toString("base64"), APP_PORT: PORT, APP_URL: `http://127.0.0.1:${PORT}`, GOCOFFEE_IMAGE: IMAGES.app, POSTGRES_IMAGE: IMAGES.postgres, REDIS_IMAGE: IMAGES.redis, KAFKA_IMAGE: IMAGES.kafka };
  const stack = await composeUp(readFileSync(`${ROOT}infra/docker/compose.yaml`, "utf8"), { project: PROJECT, env, profiles: ["demo"] });
  try {
    const baseUrl = `http://127.0.0.1:${PORT}`;
    for (let i = 0; i < 120 && !(await fetch(`${baseUrl}/api/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 1000));
    const health = await (await fetch(`${baseUrl}/api/health`)).json();
    console.log(`check:images: stack up in ${Math.round((Date.now() - upStarted) / 1000)}s; /api/health ${JSON.stringify(health)}`);

    for (const service of ["app", "outbox-relay", "order-processor", "payment-watcher", "analytics"]) {
      const container = `${PROJECT}-${service}`;
      const uid = podman(["exec", container, "id", "-u"]).stdout.trim();
      if (uid === "0") throw new Error(`${service} runs as root`);
      let healthy = false;
      for (let i = 0; i < 60 && !healthy; i++) {
        healthy = podman(["healthcheck", "run", container], { allowFail: true }).code === 0;
        if (!healthy) await new Promise((r) => setTimeout(r, 1000));
      }
      if (!healthy) throw new Error(`${service}: the image's HEALTHCHECK does not pass:\n${stack.logs(service).slice(-2000)}`);
      console.log(`check:images: ${service} healthy, uid ${uid}`);
    }

    // The demo seed (profile demo) is a one-shot nothing waits for: the order needs its shop and menu.
    const seeded = podman(["wait", `${PROJECT}-seed`]).stdout.trim();
    if (seeded !== "0") throw new Error(`the seed exited with ${seeded}:\n${stack.logs("seed").slice(-2000)}`);

    const placedAt = Date.now();
    const order = await placeOrder(baseUrl);
    const status = await waitForStatus(baseUrl, order, ["QUEUED"], 60_000);
    console.log(`check:images: order ${order.id} placed through the app container and ${status} by the order-processor container in ${Date.now() - placedAt} ms`);
    console.log(`check:images: passed in ${Math.round((Date.now() - started) / 1000)}s`);
  } catch (error) {
    for (const s of ["app", "outbox-relay", "order-processor"]) console.error(`--- ${s}\n${stack.logs(s).slice(-1500)}`);
    throw error;
  } finally {
    if (process.env.KEEP !== "1") stack.down();
  }
}

main().catch((error: unknown) => {
  console.error(`check:images failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
