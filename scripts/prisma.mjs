#!/usr/bin/env node
// `node scripts/prisma.mjs <prisma args>`: runs the Prisma CLI, with the Wasm stand-in schema
// engine when no native schema engine is available (air-gapped machines). See docs/prisma-offline.md.
//
// PRISMA_ENGINE=wasm forces the stand-in, PRISMA_ENGINE=native the plain CLI (which downloads
// the native engine if it is missing). A PRISMA_SCHEMA_ENGINE_BINARY you set is always respected.
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const prismaDir = dirname(require.resolve('prisma/package.json'));
const standIn = join(dirname(fileURLToPath(import.meta.url)), 'prisma', 'schema-engine.mjs');

// Where the CLI looks for its native `schema-engine-<platform>` binary.
function nativeEngineAvailable() {
  let enginesDir;
  try {
    enginesDir = dirname(dirname(require.resolve('@prisma/engines')));
  } catch { /* not installed */ }
  const dirs = [enginesDir, prismaDir, dirname(prismaDir), join(prismaDir, 'runtime')].filter(Boolean);
  return dirs.some((d) => existsSync(d) && readdirSync(d).some((f) => f.startsWith('schema-engine-')));
}

const env = { ...process.env };
const mode = env.PRISMA_ENGINE;
if (mode === 'wasm' || (mode !== 'native' && !env.PRISMA_SCHEMA_ENGINE_BINARY && !nativeEngineAvailable())) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = standIn;
  try {
    accessSync(standIn, constants.X_OK);
  } catch {
    chmodSync(standIn, 0o755); // the CLI spawns it directly: it must stay executable
  }
}

const child = spawn(process.execPath, [join(prismaDir, 'build', 'index.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  env,
});
process.on('SIGINT', () => {}); // Ctrl-C reaches the CLI directly: wait for it to exit
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
