// Loads Prisma's WebAssembly schema engine in Node 20 and connects it to PostgreSQL through
// @prisma/adapter-pg, with workarounds for the adapter's bugs. Used by schema-engine.mjs (the
// stand-in for the native `schema-engine` binary). See docs/prisma-offline.md.
import { randomUUID } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const require = createRequire(import.meta.url);

/**
 * The .wasm files to try, best first: PRISMA_SCHEMA_ENGINE_WASM, the CLI's own build (the exact
 * engine version of the installed prisma), then @prisma/schema-engine-wasm's.
 */
function wasmCandidates() {
  const list = process.env.PRISMA_SCHEMA_ENGINE_WASM ? [process.env.PRISMA_SCHEMA_ENGINE_WASM] : [];
  try { list.push(require.resolve('prisma/build/schema_engine_bg.wasm')); } catch { /* not exported */ }
  try {
    const prismaDir = require.resolve('prisma/package.json').replace(/package\.json$/, '');
    list.push(`${prismaDir}build/schema_engine_bg.wasm`);
  } catch { /* no prisma */ }
  const glueDir = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/[^/\\]+$/, '');
  list.push(`${glueDir}schema_engine_bg.wasm`);
  return [...new Set(list)].filter((p) => existsSync(p));
}

let loaded;
/**
 * Instantiates the Wasm schema engine once per process.
 * Returns { SchemaEngine, version, wasmPath }.
 */
export async function loadSchemaEngineWasm() {
  loaded ??= (async () => {
    // Without this registry a Rust panic surfaces only as "unreachable".
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: '',
      set_message(m) { this.message = m; },
    };
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    for (const wasmPath of wasmCandidates()) {
      const wasmModule = await WebAssembly.compile(readFileSync(wasmPath));
      const imports = WebAssembly.Module.imports(wasmModule);
      if (imports.some((i) => typeof glue[i.name] !== 'function')) continue; // glue does not fit this build
      const env = { ...glue };
      for (const { name } of imports) {
        // The engine arms 10 s timers it never clears: unref them so the process can exit.
        if (name.startsWith('__wbg_setTimeout_')) {
          env[name] = (...args) => {
            const t = glue[name](...args);
            t?.unref?.();
            return t;
          };
        }
      }
      const instance = await WebAssembly.instantiate(wasmModule, { './schema_engine_bg.js': env });
      glue.__wbg_set_wasm(instance.exports);
      instance.exports.__wbindgen_start();
      return { SchemaEngine: glue.SchemaEngine, version: glue.version(), wasmPath };
    }
    throw new Error('No schema_engine_bg.wasm matching @prisma/schema-engine-wasm glue was found');
  })();
  return loaded;
}

/**
 * Discrete pg connection fields from a postgres URL (adapter bug 2: with `connectionString`,
 * pg ignores an overriding `database`, so the shadow database would land on the main one).
 * Returns { config, schema }.
 */
export function pgConfigFromUrl(url) {
  const u = new URL(url);
  if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error(`Not a PostgreSQL URL: ${u.protocol}//...`);
  const q = u.searchParams;
  const config = {
    host: q.get('host') || decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')) || 'localhost',
    port: Number(q.get('port') || u.port || 5432),
    user: decodeURIComponent(u.username) || q.get('user') || process.env.PGUSER || 'postgres',
    database: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
    max: 4,
  };
  const password = u.password ? decodeURIComponent(u.password) : q.get('password');
  if (password) config.password = password;
  const sslmode = q.get('sslmode');
  if (sslmode && sslmode !== 'disable') config.ssl = sslmode === 'verify-full' ? true : { rejectUnauthorized: false };
  if (q.get('connect_timeout')) config.connectionTimeoutMillis = Number(q.get('connect_timeout')) * 1000;
  const schema = q.get('schema') || undefined;
  // Like the native engine, work inside `?schema=` (unqualified names such as _prisma_migrations).
  if (schema) config.options = `-c search_path=${schema.replace(/([\\ ])/g, '\\$1')}`;
  return { config, schema };
}

// Adapter bug 1: pg_catalog's internal "char" type (OID 18) cannot be deserialized by the
// adapter; the engine reads such columns when it inspects a database. Relabel it as text.
function relabel(res) {
  if (Array.isArray(res)) return res.map(relabel);
  for (const f of res?.fields ?? []) if (f.dataTypeID === 18) f.dataTypeID = 25;
  return res;
}
class CharAsTextClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === 'function') [values, callback] = [undefined, values];
    if (config && typeof config.submit === 'function') return super.query(config, values, callback);
    if (typeof callback === 'function') return super.query(config, values, (err, res) => callback(err, err ? res : relabel(res)));
    return super.query(config, values).then(relabel);
  }
}

// Adapter bug 3: executeScript splits the script on every `;` (breaks $$ bodies and strings).
// Send the whole script as one simple-protocol query, as the native engine does.
function fixAdapter(adapter) {
  const pool = adapter.underlyingDriver();
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (e) {
      adapter.onError(e);
    }
  };
  return adapter;
}

async function adminQuery(config, sql) {
  // Prefer the main database; fall back to `postgres` when it does not exist (yet).
  for (const database of [config.database, 'postgres']) {
    const c = new pg.Client({ ...config, database });
    try {
      await c.connect();
      return await c.query(sql);
    } catch (e) {
      if (e.code === '3D000' && database !== 'postgres') continue;
      throw e;
    } finally {
      await c.end().catch(() => {});
    }
  }
}

async function databaseExists(config) {
  const c = new pg.Client(config);
  try {
    await c.connect();
    return true;
  } catch (e) {
    if (e.code === '3D000') return false;
    throw e;
  } finally {
    await c.end().catch(() => {});
  }
}

const quoteIdent = (s) => `"${String(s).replace(/"/g, '""')}"`;

/**
 * A migration-aware adapter factory for the Wasm engine. `connectToShadowDb` creates a temporary
 * database (or uses `shadowDatabaseUrl`); `cleanup()` closes every pool and drops the temporary
 * databases (adapter bug 4: engine.free() does neither).
 */
export function createAdapterFactory({ url, shadowDatabaseUrl, fallbackDatabase }) {
  const main = url ? pgConfigFromUrl(url) : undefined;
  const open = new Set(); // adapters not yet disposed
  const shadowDbs = new Map(); // temporary databases not yet dropped -> close their pool
  const options = main?.schema ? { schema: main.schema } : undefined;
  const requireUrl = () => {
    if (!main) throw new Error('No datasource URL: set datasource.url in prisma.config.ts (or DATABASE_URL)');
  };

  const connectTo = async (config, opts) => {
    const adapter = fixAdapter(await new PrismaPg({ ...config, Client: CharAsTextClient }, opts).connect());
    const dispose = adapter.dispose.bind(adapter);
    let disposed;
    adapter.dispose = () => (disposed ??= (open.delete(adapter), dispose()));
    open.add(adapter);
    return adapter;
  };

  const dropShadowDb = async (name) => {
    if (!shadowDbs.has(name)) return;
    const closePool = shadowDbs.get(name);
    shadowDbs.delete(name);
    await closePool?.().catch(() => {});
    const sql = `DROP DATABASE IF EXISTS ${quoteIdent(name)}`;
    await adminQuery(main.config, `${sql} WITH (FORCE)`).catch(() => adminQuery(main.config, sql));
  };

  const factory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect() {
      requireUrl();
      // For requests that never touch the main database (a pure `migrate diff`), a missing main
      // database is not an error: the engine only needs the server (version, shadow databases).
      if (fallbackDatabase && !(await databaseExists(main.config))) {
        return connectTo({ ...main.config, database: fallbackDatabase }, options);
      }
      return connectTo(main.config, options);
    },
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        // A configured shadow database is emptied first, as the native engine does.
        const shadow = pgConfigFromUrl(shadowDatabaseUrl);
        const schema = quoteIdent(shadow.schema ?? 'public');
        await adminQuery({ ...shadow.config, options: undefined }, `DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
        return connectTo(shadow.config, shadow.schema ? { schema: shadow.schema } : undefined);
      }
      requireUrl();
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await adminQuery(main.config, `CREATE DATABASE ${quoteIdent(name)}`);
      shadowDbs.set(name, undefined);
      const adapter = await connectTo({ ...main.config, database: name }, options);
      const closePool = adapter.dispose;
      shadowDbs.set(name, closePool);
      let dropped;
      adapter.dispose = () => (dropped ??= closePool().finally(() => dropShadowDb(name)));
      return adapter;
    },
  };

  return {
    factory: bindMigrationAwareSqlAdapterFactory(factory),
    /** Closes and drops the temporary shadow databases (keeps the main pool open). */
    async dropShadowDatabases() {
      await Promise.allSettled([...shadowDbs.keys()].map(dropShadowDb));
    },
    /** Closes every pool and drops the temporary shadow databases. */
    async cleanup() {
      await Promise.allSettled([...shadowDbs.keys()].map(dropShadowDb));
      await Promise.allSettled([...open].map((a) => a.dispose()));
    },
  };
}

/**
 * Starts a Wasm SchemaEngine for a datasource.
 * datamodels: [[path, content], ...] or undefined; log: (message: string) => void;
 * fallbackDatabase: database to use when the main one does not exist (only for pure diffs);
 * onAdapters: called with the adapter factory (its errorRegistry resolves "External error id#N").
 * Returns { engine, version, wasmPath, adapters, close() }.
 */
export async function openSchemaEngine({ url, shadowDatabaseUrl, fallbackDatabase, datamodels, log = () => {}, onAdapters }) {
  const { SchemaEngine, version, wasmPath } = await loadSchemaEngineWasm();
  const adapters = createAdapterFactory({ url, shadowDatabaseUrl, fallbackDatabase });
  onAdapters?.(adapters); // lets callers resolve "External error id#N" even when SchemaEngine.new fails
  const engine = await SchemaEngine.new(
    { datamodels: datamodels?.length ? datamodels : undefined }, // an empty array panics
    (msg) => log(msg),
    adapters.factory,
  );
  let closed;
  return {
    engine,
    version,
    wasmPath,
    adapters,
    close: () =>
      (closed ??= (async () => {
        try { engine.free(); } catch { /* already freed */ }
        await adapters.cleanup();
      })()),
  };
}
