#!/usr/bin/env node
// Drift check: fails when prisma/schema.prisma is ahead of prisma/migrations (a schema change
// without a migration). Replays the migrations into a temporary shadow database through
// `prisma migrate diff --from-migrations <dir> --to-schema <schema> --exit-code`.
//
//   node scripts/prisma/check-migrations.mjs [--config prisma.config.ts] [--schema path] [--migrations dir]
//   exit 0: in sync; 2: drift; 1: the check itself failed (e.g. a migration does not apply).
//
// Needs a PostgreSQL server at the config's datasource URL (the database itself may be missing).
// Always runs the Wasm schema engine (PRISMA_ENGINE=wasm) so it behaves the same everywhere.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const wrapper = join(dirname(fileURLToPath(import.meta.url)), '..', 'prisma.mjs');

async function loadPaths({ cwd, config }) {
  const prismaRequire = createRequire(require.resolve('prisma/package.json'));
  const { loadConfigFromFile } = prismaRequire('@prisma/config');
  const loaded = await loadConfigFromFile({ configFile: config && resolve(cwd, config), configRoot: cwd });
  if (loaded.error) throw new Error(`Cannot load the Prisma config: ${loaded.error._tag} ${loaded.error.error?.message ?? ''}`);
  return {
    schema: loaded.config.schema ?? resolve(cwd, 'prisma/schema.prisma'),
    migrations: loaded.config.migrations?.path ?? resolve(cwd, 'prisma/migrations'),
  };
}

function run(args, { cwd, env }) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [wrapper, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/**
 * Compares the migrations directory with the Prisma schema.
 * Options (all optional): cwd (project root, default process.cwd()), config (path to the Prisma
 * config), schema / migrations (paths overriding the config), env (extra environment variables).
 * Resolves to { ok, exitCode: 0 | 1 | 2, message, diff }: 0 in sync, 2 drift, 1 check failed.
 */
export async function checkMigrations({ cwd = process.cwd(), config, schema, migrations, env = {} } = {}) {
  const fromConfig = schema && migrations ? {} : await loadPaths({ cwd, config });
  const schemaPath = resolve(cwd, schema ?? fromConfig.schema);
  const migrationsDir = resolve(cwd, migrations ?? fromConfig.migrations);
  const hasMigrations =
    existsSync(join(migrationsDir, 'migration_lock.toml')) &&
    readdirSync(migrationsDir, { withFileTypes: true }).some((d) => d.isDirectory());

  const args = ['migrate', 'diff', ...(hasMigrations ? ['--from-migrations', migrationsDir] : ['--from-empty'])];
  args.push('--to-schema', schemaPath, '--exit-code', '--script');
  if (config) args.push('--config', resolve(cwd, config));
  const { code, stdout, stderr } = await run(args, {
    cwd,
    env: { ...process.env, PRISMA_ENGINE: 'wasm', ...env },
  });

  const rel = (p) => relative(cwd, p) || p;
  if (code === 0) {
    return { ok: true, exitCode: 0, diff: '', message: `${rel(schemaPath)} and ${rel(migrationsDir)} are in sync.` };
  }
  if (code === 2) {
    const diff = stdout.trim();
    return {
      ok: false,
      exitCode: 2,
      diff,
      message:
        `${rel(schemaPath)} has changes without a migration: run npm run db:migrate:new -- --name <name>\n` +
        `(SQL that a new migration would contain:)\n\n${diff.replace(/^/gm, '    ')}`,
    };
  }
  const details = `${stderr}\n${stdout}`.replace(/^Loaded Prisma config.*$/m, '').trim();
  return { ok: false, exitCode: 1, diff: '', message: `Could not compare ${rel(migrationsDir)} with ${rel(schemaPath)}:\n${details}` };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const opts = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(config|schema|migrations)(?:=(.*))?$/.exec(argv[i]);
    if (!m) {
      console.error(`Unknown argument: ${argv[i]}`);
      process.exit(1);
    }
    opts[m[1]] = m[2] ?? argv[++i];
  }
  try {
    const result = await checkMigrations(opts);
    (result.ok ? console.log : console.error)(result.message);
    process.exit(result.exitCode);
  } catch (e) {
    console.error(e?.message ?? e);
    process.exit(1);
  }
}
