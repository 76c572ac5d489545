import { spawnSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import * as kafka from "../infra/kafka";
import { buildBaseImages, DEBIAN_IMAGE, NODE_IMAGE } from "./base";
import { ensurePodman, podmanStreamed, ROOT } from "./podman";

/**
 * `npm run images:build`: every image infra/docker/compose.yaml runs, built with podman from this
 * repository: the app (infra/docker/Dockerfile, multi-stage), PostgreSQL, Redis and Kafka (from
 * Debian's packages and the Kafka jars), on the locally built base images (base.ts).
 */

export const IMAGES = {
  app: "localhost/go-coffee/app:latest",
  postgres: "localhost/go-coffee/postgres:15",
  redis: "localhost/go-coffee/redis:7",
  kafka: `localhost/go-coffee/kafka:${kafka.kafkaVersion()}`,
} as const;

/**
 * Builds reach the registries through the host's network; behind a TLS-intercepting proxy (as on
 * this machine kind) npm inside the build needs the host's CA bundle, which npm's `cafile` names.
 */
function networkArgs(): string[] {
  const cafile = spawnSync("npm", ["config", "get", "cafile"], { encoding: "utf8" }).stdout.trim();
  const args = ["--network", "host"];
  if (cafile && cafile !== "null" && cafile !== "undefined") args.push("-v", `${cafile}:${cafile}:ro`, "--build-arg", `npm_config_cafile=${cafile}`);
  return args;
}

async function build(name: keyof typeof IMAGES, file: string, context: string, extra: string[] = []): Promise<number> {
  const started = Date.now();
  const code = await podmanStreamed(["build", "--format", "docker", "--layers", ...networkArgs(), ...extra, "-f", `${ROOT}${file}`, "-t", IMAGES[name], context], `${name}:`);
  if (code !== 0) throw new Error(`building ${IMAGES[name]} failed (podman build exit ${code})`);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`images: ${IMAGES[name]} built in ${seconds}s`);
  return seconds;
}

export async function buildImages(): Promise<Record<string, number>> {
  ensurePodman();
  const started = Date.now();
  await buildBaseImages();
  const timings: Record<string, number> = { base: Math.round((Date.now() - started) / 1000) };
  const debian = ["--build-arg", `DEBIAN_IMAGE=${DEBIAN_IMAGE}`];
  timings.postgres = await build("postgres", "infra/docker/postgres.Containerfile", `${ROOT}infra/docker`, debian);
  timings.redis = await build("redis", "infra/docker/redis.Containerfile", `${ROOT}infra/docker`, debian);
  await kafka.install();
  copyFileSync(`${ROOT}infra/docker/kafka-entrypoint.sh`, `${ROOT}.cache/kafka/kafka-entrypoint.sh`);
  timings.kafka = await build("kafka", "infra/docker/kafka.Containerfile", `${ROOT}.cache/kafka`, debian);
  timings.app = await build("app", "infra/docker/Dockerfile", ROOT, ["--build-arg", `BASE_IMAGE=${NODE_IMAGE}`]);
  return timings;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildImages().then(
    (t) => console.log(`images: done (${Object.entries(t).map(([k, v]) => `${k} ${v}s`).join(", ")})`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
