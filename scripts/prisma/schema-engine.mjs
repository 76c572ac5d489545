#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary (PRISMA_SCHEMA_ENGINE_BINARY), used where
// the native engine cannot be downloaded. It speaks the CLI's JSON-RPC 2.0 over stdio (one JSON
// object per line) and forwards each method to the Wasm schema engine. See docs/prisma-offline.md.
//
//   schema-engine.mjs [--datamodels <file>]... [--datasource <json>] [...]   JSON-RPC server
//   schema-engine.mjs --datasource <json> cli can-connect-to-database|create-database
//   schema-engine.mjs --version
import { appendFileSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { loadSchemaEngineWasm, openSchemaEngine, pgConfigFromUrl } from './wasm-engine.mjs';

const args = process.argv.slice(2);
const datamodelPaths = [];
let datasource = {};
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

// Logs go to stderr as JSON lines, as the native engine writes them (the CLI parses them).
const logLine = (level, message, fields = {}) =>
  process.stderr.write(`${JSON.stringify({ level, fields: { message, ...fields }, target: 'schema_engine::logger' })}\n`);

// ---------------------------------------------------------------- one-shot `cli` commands
if (cliCommand) {
  const exitWith = (code, message) => {
    logLine('ERROR', message, { error_code: code });
    process.exit(1);
  };
  try {
    if (!datasource.url) throw new Error('No datasource URL given');
    const { config } = pgConfigFromUrl(datasource.url);
    const at = `${config.host}:${config.port}`;
    logLine('INFO', `Starting schema engine CLI (wasm stand-in): ${cliCommand}`);
    const tryConnect = async (database) => {
      const c = new pg.Client({ ...config, database });
      try {
        await c.connect();
        return c;
      } catch (e) {
        await c.end().catch(() => {});
        if (e.code === '3D000') exitWith('P1003', `Database \`${database}\` does not exist on the database server at \`${at}\`.`);
        if (e.code === '28P01' || e.code === '28000')
          exitWith('P1000', `Authentication failed against database server, the provided database credentials for \`${config.user}\` are not valid.`);
        if (e.code === '42501') exitWith('P1010', `User \`${config.user}\` was denied access on the database \`${database}\``);
        if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH'].includes(e.code))
          exitWith('P1001', `Can't reach database server at \`${at}\`\n\nPlease make sure your database server is running at \`${at}\`.`);
        throw e;
      }
    };
    if (cliCommand === 'can-connect-to-database') {
      await (await tryConnect(config.database)).end();
    } else if (cliCommand === 'create-database') {
      const c = await tryConnect('postgres');
      try {
        await c.query(`CREATE DATABASE "${config.database.replace(/"/g, '""')}"`);
      } catch (e) {
        if (e.code !== '42P04') throw e; // already exists
      } finally {
        await c.end();
      }
      process.stdout.write(`${JSON.stringify({ databaseName: config.database })}\n`);
    } else {
      throw new Error(`Unsupported cli command: ${cliCommand}`);
    }
    process.exit(0);
  } catch (e) {
    exitWith('P1000', String(e?.message ?? e));
  }
}

// ---------------------------------------------------------------- JSON-RPC server
// PRISMA_WASM_ENGINE_LOG=<file> records each request with its duration (debugging aid).
const trace = process.env.PRISMA_WASM_ENGINE_LOG
  ? (text) => appendFileSync(process.env.PRISMA_WASM_ENGINE_LOG, `${new Date().toISOString()} [${process.pid}] ${text}\n`)
  : () => {};
const send = (msg) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...msg })}\n`);

// Requests this process sends to the CLI (`print`), by id.
const pending = new Map();
let nextPrintId = 1;
const printToCli = (content) =>
  new Promise((resolve) => {
    const id = `print-${nextPrintId++}`;
    pending.set(id, resolve);
    send({ id, method: 'print', params: { content } });
  });

let session; // { engine, close, adapters }
const getSession = (firstRequest) =>
  (session ??= openSchemaEngine({
    url: datasource.url,
    shadowDatabaseUrl: datasource.shadowDatabaseUrl,
    // `migrate diff` between migrations/schema/empty does not need the main database to exist.
    fallbackDatabase: isPureDiff(firstRequest) ? 'postgres' : undefined,
    datamodels: datamodelPaths.map((p) => [p, readFileSync(p, 'utf8')]),
    log: (line) => process.stderr.write(`${String(line).trimEnd()}\n`),
    onAdapters: (a) => (errorRegistry = a.factory.errorRegistry),
  }));

// In the Wasm engine, evaluateDataLoss and createMigration have no shadow database of their own:
// they read the schema of the migrations from a cache that diagnoseMigrationHistory/devDiagnostic
// fill for the migrations already applied. When `migrate dev` has just applied pending migrations,
// that cache misses; fill it (all migrations are applied now) and retry once.
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

const isPureDiff = (req) =>
  req?.method === 'diff' && ![req.params?.from, req.params?.to].some((t) => t?.tag === 'schemaDatasource');

const handlers = {
  async diff(engine, params) {
    const result = await engine.diff(params);
    // The native engine prints the diff through a `print` request; the Wasm one returns it.
    if (result.stdout != null) await printToCli(result.stdout.replace(/\n$/, ''));
    return { exitCode: result.exitCode, stdout: null };
  },
  evaluateDataLoss: (engine, params) => withMigrationsSchema(engine, params, () => engine.evaluateDataLoss(params)),
  createMigration: (engine, params) => withMigrationsSchema(engine, params, () => engine.createMigration(params)),
  getDatabaseVersion: (engine, params) => engine.version(params ?? null),
  async createDatabase(_engine, params) {
    const url = params?.datasource?.url ?? datasource.url;
    const { config } = pgConfigFromUrl(url);
    const c = new pg.Client({ ...config, database: 'postgres' });
    await c.connect();
    try {
      await c.query(`CREATE DATABASE "${config.database.replace(/"/g, '""')}"`);
    } catch (e) {
      if (e.code !== '42P04') throw e;
    } finally {
      await c.end();
    }
    return { databaseName: config.database };
  },
  debugPanic: (engine) => engine.debugPanic(),
};

let errorRegistry; // the adapter factory's: errors thrown in JS reach the engine as "External error id#N"

// The JS error behind an "External error id#N", as { message, code }.
function externalError(message) {
  const id = /External error id#(\d+)/.exec(message)?.[1];
  const error = id !== undefined ? errorRegistry?.consumeError(Number(id))?.error : undefined;
  if (!error) return undefined;
  const cause = error.cause && typeof error.cause === 'object' ? error.cause : undefined;
  if (cause?.kind === 'DatabaseNotReachable' || ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH'].includes(error.code)) {
    const at = cause?.host ? `${cause.host}:${cause.port}` : (error.address ? `${error.address}:${error.port}` : 'the configured address');
    return { code: 'P1001', message: `Can't reach database server at \`${at}\`\n\nPlease make sure your database server is running at \`${at}\`.` };
  }
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
    // Shadow databases live for one request; drop them before answering so nothing is left
    // behind when the CLI kills this process right after its last response.
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
async function shutdown(code = 0) {
  closing ??= (async () => {
    await queue.catch(() => {});
    await session?.then((s) => s.close()).catch(() => {});
    trace('exit');
    process.exit(code);
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
      pending.get(msg.id)(msg.result);
      pending.delete(msg.id);
      return;
    }
    queue = queue.then(() => handle(msg));
  })
  .on('close', () => shutdown(0));

// The CLI ends stdin and then sends SIGTERM right away: close pools and drop shadow databases first.
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => shutdown(0));
