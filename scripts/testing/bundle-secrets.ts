import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { envSchema } from "@/lib/env/schema";

/**
 * Looks through the files a build sends to browsers (`<distDir>/static`) for server-only
 * settings: the name of any variable the server reads (except NEXT_PUBLIC_* and NODE_ENV, which
 * are meant to be public) and the values of the secret ones. A hit means a server module was
 * bundled into client code.
 */

/** Variable names that may appear in client code. */
const PUBLIC_NAMES = (name: string) => name.startsWith("NEXT_PUBLIC_") || name === "NODE_ENV";

export function serverOnlyNames(): string[] {
  return Object.keys(envSchema.shape).filter((name) => !PUBLIC_NAMES(name));
}

export type Finding = { file: string; found: string };

export function findSecrets(staticDir: string, needles: { names: readonly string[]; values: readonly string[] }): Finding[] {
  const findings: Finding[] = [];
  const values = needles.values.filter((v) => v.length >= 8); // short values would match by chance
  for (const file of walk(staticDir)) {
    if (!/\.(js|mjs|css|json|html|txt|map)$/.test(file)) continue;
    const text = readFileSync(file, "utf8");
    for (const name of needles.names) if (new RegExp(`\\b${name}\\b`).test(text)) findings.push({ file: relative(staticDir, file), found: `variable name ${name}` });
    for (const value of values) if (text.includes(value)) findings.push({ file: relative(staticDir, file), found: `the value of a secret (${value.slice(0, 4)}…)` });
  }
  return findings;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}
