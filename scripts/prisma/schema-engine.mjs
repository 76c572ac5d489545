#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary (PRISMA_SCHEMA_ENGINE_BINARY), used where
// the native engine cannot be downloaded. It speaks the CLI's JSON-RPC 2.0 over stdio (one JSON
// object per line) and forwards each method to the Wasm schema engine. See docs/prisma-offline.md.
//
//   schema-engine.mjs [--datamodels <file>]... [--datasource <json>] [...]   JSON-RPC server
//   schema-engine.mjs --datasource <json> cli can-connect-to-database|create-database
//   schema-engine.mjs --version
//
// PRISMA_WASM_ENGINE_LOG=<file> appends each request and its duration to <file> (debugging).
import { appendFileSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { loadSchemaEngineWasm, openSchemaEngine, pgConfigFromUrl } from './wasm-engine.mjs';

const args = process.argv.slice(2);
const datamodelPaths = [];
let datasource = {}; // { url, shadowDatabaseUrl } from prisma.config.ts
let cliCommand;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--datamodels') datamodelPaths.push(args[++i]);
  else if (a === '--datasource') datasource = JSON.parse(args[++i]);
  else if (a === '--enabled-preview-features' || a === '--extension-types') i++;
  else if (a === '--version' || a === '-V') {
    const { version } = await loadSchemaEngineWasm();
    process.stdout.write(`schema-engine-cli ${version}\n`);
    process.exit(0);
  } else if (a === 'cli') cliCommand = args[++i];
}

const trace = process.env.PRISMA_WASM_ENGINE_LOG
  ? (text) => appendFileSync(process.env.PRISMA_WASM_ENGINE_LOG, `${new Date().toISOString()} [${process.pid}] ${text}\n`)
  : () => {};

// Native-style { code, message } for errors connecting to PostgreSQL, or undefined.
function connectionError(e, config, database = config.database) {
  const at = `${config.host}:${config.port}`;
  if (e?.code === '3D000') return { code: 'P1003', message: `Database \`${database}\` does not exist on the database server at \`${at}\`.` };
  if (e?.code === '28P01' || e?.code === '28000')
    return { code: 'P1000', message: `Authentication failed against database server, the provided database credentials for \`${config.user}\` are not valid.` };
  if (e?.code === '42501') return { code: 'P1010', message: `User \`${config.user}\` was denied access on the database \`${database}\`` };
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(e?.code))
    return { code: 'P1001', message: `Can't reach database server at \`${at}\`\n\nPlease make sure your database server is running at \`${at}\`.` };
  return undefined;
}

// The Wasm engine has no createDatabase: create it through the `postgres` maintenance database.
async function createDatabase(config) {
  const c = new pg.Client({ ...config, database: 'postgres' });
  try {
    await c.connect();
    await c.query(`CREATE DATABASE "${config.database.replace(/"/g, '""')}"`);
  } catch (e) {
    if (e.code !== '42P04') throw e; // 42P04: it already exists
  } finally {
    await c.end().catch(() => {});
  }
  return { databaseName: config.database };
}

// ---------------------------------------------------------------- one-shot `cli` commands
if (cliCommand) {
  // The CLI skips the first stderr line and reads the rest as JSON log lines.
  const log = (level, message, fields = {}) =>
    process.stderr.write(`${JSON.stringify({ level, fields: { message, ...fields }, target: 'schema_engine::logger' })}\n`);
  log('INFO', `Starting schema engine CLI (Wasm stand-in): ${cliCommand}`);
  let config;
  try {
    if (!datasource.url) throw new Error('No datasource URL: set datasource.url in prisma.config.ts');
    config = pgConfigFromUrl(datasource.url).config;
    if (cliCommand === 'can-connect-to-database') {
      const c = new pg.Client(config);
      try {
        await c.connect();
      } finally {
        await c.end().catch(() => {});
      }
    } else if (cliCommand === 'create-database') {
      process.stdout.write(`${JSON.stringify(await createDatabase(config))}\n`);
    } else {
      throw new Error(`Unsupported cli command: ${cliCommand}`);
    }
    process.exit(0);
  } catch (e) {
    const known = config && connectionError(e, config, cliCommand === 'create-database' ? 'postgres' : undefined);
    log('ERROR', known?.message ?? String(e?.message ?? e), { error_code: known?.code ?? 'P1000' });
    process.exit(1);
  }
}

// ---------------------------------------------------------------- JSON-RPC server
const send = (msg) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);

// Requests this process sends to the CLI (`print`), by id, waiting for the CLI's answer.
const pending = new Map();
let nextPrintId = 1;
const printToCli = (content) =>
  new Promise((resolve) => {
    const id = `print-${nextPrintId++}`;
    pending.set(id, resolve);
    send({ id, method: 'print', params: { content } });
  });

let errorRegistry; // the adapter factory's: errors thrown in JS reach the engine as "External error id#N"
let session; // Promise<{ engine, adapters, close }>, opened on the first request
const isPureDiff = (req) =>
  req?.method === 'diff' && ![req.params?.from, req.params?.to].some((t) => t?.tag === 'schemaDatasource');
const getSession = (firstRequest) =>
  (session ??= openSchemaEngine({
    url: datasource.url,
    shadowDatabaseUrl: datasource.shadowDatabaseUrl,
    // A `migrate diff` between migrations/schema/empty does not need the main database to exist.
    fallbackDatabase: isPureDiff(firstRequest) ? 'postgres' : undefined,
    datamodels: datamodelPaths.map((p) => [p, readFileSync(p, 'utf8')]),
    // Engine logs are JSON lines in the native format: the CLI reads them from stderr.
    log: (line) => process.stderr.write(`${String(line).trimEnd()}\n`),
    onAdapters: (a) => (errorRegistry = a.factory.errorRegistry),
  }));

// In the Wasm engine, evaluateDataLoss and createMigration have no shadow database of their own:
// they read the schema of the migrations from a cache that devDiagnostic/diagnoseMigrationHistory
// fill for the migrations already applied. When `migrate dev` has just applied pending migrations,
// that cache misses; fill it (all migrations are applied by then) and retry once.
async function withMigrationsSchema(engine, params, call) {
  try {
    return await call();
  } catch (e) {
    if (!/shadow DB must be provided/i.test(String(e?.message))) throw e;
    const { migrationsList, filters } = params;
    await engine.diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
    return call();
  }
}

// Methods that need more than forwarding; every other method goes to the engine's method of the same name.
const handlers = {
  async diff(engine, params) {
    const result = await engine.diff(params);
    // The native engine prints the diff through a `print` request to the CLI; the Wasm one returns it.
    if (result.stdout != null) await printToCli(result.stdout.replace(/\n$/, ''));
    return { exitCode: result.exitCode, stdout: null };
  },
  evaluateDataLoss: (engine, params) => withMigrationsSchema(engine, params, () => engine.evaluateDataLoss(params)),
  createMigration: (engine, params) => withMigrationsSchema(engine, params, () => engine.createMigration(params)),
  getDatabaseVersion: (engine, params) => engine.version(params ?? null),
  createDatabase: (_engine, params) => createDatabase(pgConfigFromUrl(params?.datasource?.url ?? datasource.url).config),
  debugPanic: (engine) => engine.debugPanic(),
};

// The JS error behind an "External error id#N", as native-style { code, message }.
function externalError(message) {
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const error = id !== undefined ? errorRegistry?.consumeError(Number(id))?.error : undefined;
  if (!error) return undefined;
  const cause = error.cause && typeof error.cause === 'object' ? error.cause : undefined;
  if (cause?.kind === 'DatabaseNotReachable') {
    return connectionError({ code: 'ECONNREFUSED' }, { host: cause.host, port: cause.port });
  }
  const known = datasource.url && connectionError(error, pgConfigFromUrl(datasource.url).config);
  if (known) return known;
  const detail = cause ? (cause.originalMessage ?? cause.reason ?? cause.message ?? JSON.stringify(cause)) : error.message;
  return { code: null, message: cause?.kind ? `${cause.kind}: ${detail}` : String(detail) };
}

function toRpcError(e) {
  const panic = e instanceof WebAssembly.RuntimeError;
  let message = panic ? globalThis.PRISMA_WASM_PANIC_REGISTRY?.message || String(e.message) : String(e?.message ?? e);
  let errorCode = panic ? null : (e?.code ?? null);
  const external = panic ? undefined : externalError(message);
  if (external) {
    message = external.message;
    errorCode = external.code ?? errorCode;
  }
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: { is_panic: panic, message, error_code: errorCode, meta: e?.meta ?? null },
  };
}

async function handle(req) {
  const started = Date.now();
  try {
    const { engine, adapters } = await getSession(req);
    const handler = handlers[req.method];
    let result;
    if (handler) result = await handler(engine, req.params);
    else if (typeof engine[req.method] === 'function' && req.method !== 'free') result = await engine[req.method](req.params ?? {});
    else {
      send({ id: req.id, error: { code: -32601, message: `Method not found: ${req.method}` } });
      return;
    }
    // Shadow databases live for one request: drop them before answering, since the CLI kills
    // this process right after its last answer.
    await adapters.dropShadowDatabases();
    trace(`${req.method} ok ${Date.now() - started} ms`);
    send({ id: req.id, result: result ?? {} });
  } catch (e) {
    trace(`${req.method} failed ${Date.now() - started} ms: ${e?.message ?? e}`);
    await session?.then((s) => s.adapters.dropShadowDatabases()).catch(() => {});
    send({ id: req.id, error: toRpcError(e) });
  }
}

let queue = Promise.resolve();
let closing;
function shutdown() {
  closing ??= (async () => {
    setTimeout(() => process.exit(0), 5000); // never hang on a stuck request
    await queue.catch(() => {});
    await session?.then((s) => s.close()).catch(() => {});
    trace('exit');
    process.exit(0);
  })();
}

createInterface({ input: process.stdin, crlfDelay: Infinity })
  .on('line', (line) => {
    if (!line.trim()) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      send({ id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    if (msg.method === undefined && pending.has(msg.id)) {
      pending.get(msg.id)(msg.result); // the CLI's answer to a `print`
      pending.delete(msg.id);
      return;
    }
    queue = queue.then(() => handle(msg));
  })
  .on('close', shutdown);

// The CLI ends stdin and sends SIGTERM right away: still close pools and drop shadow databases.
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, shutdown);
