import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** What a production build is made from: a file here newer than the build makes the build stale. */
const BUILD_SOURCES = ["app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package-lock.json", "tsconfig.json", "prisma/schema.prisma"];

function newest(path: string): { path: string; mtimeMs: number } {
  if (!existsSync(path)) return { path, mtimeMs: 0 };
  const stat = statSync(path);
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs };
  let best = { path, mtimeMs: stat.mtimeMs };
  // lib/db/generated is written by `prisma generate` on every install; the schema stands for it.
  for (const name of readdirSync(path)) {
    if (name === "generated" || name === "node_modules") continue;
    const n = newest(join(path, name));
    if (n.mtimeMs > best.mtimeMs) best = n;
  }
  return best;
}

/**
 * Why the production build in `distDir` does not match the sources (no build, or the newest source
 * file is newer than its BUILD_ID), or null when it is current.
 */
export function buildStaleness(root: string, distDir = ".next"): string | null {
  const buildId = join(root, distDir, "BUILD_ID");
  if (!existsSync(buildId)) return `no build in ${distDir}`;
  const built = statSync(buildId).mtimeMs;
  const source = BUILD_SOURCES.map((p) => newest(join(root, p))).reduce((a, b) => (b.mtimeMs > a.mtimeMs ? b : a));
  return source.mtimeMs > built ? `${relative(root, source.path)} changed after the build in ${distDir}` : null;
}
