// PostgreSQL is provided by the machine (system service), not started here:
// we only check it is reachable and make sure the app database exists.
// ensureDatabase/dropDatabase are reused by test setup for per-run databases.
import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { InfraError, type ServiceStatus, errorCode, errorMessage } from './process.js';

export const name = 'postgres';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/gocoffee';

export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
}

export interface ParsedDatabaseUrl {
  host: string;
  port: number;
  user: string;
  database: string;
  /** Same URL pointed at `database` (used to reach a maintenance db). */
  withDatabase(database: string): string;
  /** URL with the password masked, safe for logs. */
  redacted: string;
}

/** Validates a postgres URL up front so mistakes give one clear line instead of a driver stack. */
export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InfraError(`DATABASE_URL is malformed (expected postgresql://user[:password]@host[:port]/database), got "${maskPassword(url)}"`);
  }
  if (parsed.protocol !== 'postgresql:' && parsed.protocol !== 'postgres:') {
    throw new InfraError(`DATABASE_URL must start with postgresql:// (got "${parsed.protocol}//...")`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database || database.includes('/')) {
    throw new InfraError(`DATABASE_URL must name a database, e.g. postgresql://postgres@127.0.0.1:5432/gocoffee (got "${maskPassword(url)}")`);
  }
  const port = parsed.port ? Number(parsed.port) : 5432;
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || 'localhost';
  return {
    host,
    port,
    user: decodeURIComponent(parsed.username) || process.env.PGUSER || 'postgres',
    database,
    withDatabase(db: string): string {
      const copy = new URL(url);
      copy.pathname = `/${encodeURIComponent(db)}`;
      return copy.toString();
    },
    redacted: maskPassword(url),
  };
}

function maskPassword(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/** Installed server major versions (Debian layout), to suggest the exact pg_ctlcluster command. */
function startHint(): string {
  const dir = '/usr/lib/postgresql';
  const versions = existsSync(dir) ? readdirSync(dir).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.length > 0 ? `pg_ctlcluster ${versions[0]} main start` : 'e.g. pg_ctlcluster <version> main start';
}

/** Turns driver errors into one actionable line. */
function describeError(err: unknown, target: ParsedDatabaseUrl): InfraError {
  const code = errorCode(err);
  const where = `${target.host}:${target.port}`;
  const unreachable = ['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET'];
  if ((code && unreachable.includes(code)) || /timeout|terminated unexpectedly/i.test(errorMessage(err))) {
    return new InfraError(`PostgreSQL is not reachable at ${where} (${code ?? errorMessage(err).toLowerCase()}): start it (${startHint()}) or set DATABASE_URL`);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new InfraError(`PostgreSQL host "${target.host}" does not resolve (${code}): fix the host in DATABASE_URL`);
  }
  if (code === '28P01' || code === '28000') {
    return new InfraError(`PostgreSQL at ${where} rejected user "${target.user}": ${errorMessage(err)} (check DATABASE_URL credentials)`);
  }
  return new InfraError(`PostgreSQL at ${where}: ${errorMessage(err)}${code ? ` (${code})` : ''}`);
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  // An 'error' event without a listener would crash the process (e.g. server restart mid-query).
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Connects to a maintenance database (postgres, else template1) on the same server. */
async function withMaintenance<T>(target: ParsedDatabaseUrl, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  try {
    return await withClient(target.withDatabase('postgres'), fn);
  } catch (err) {
    if (errorCode(err) !== '3D000') throw err;
    return withClient(target.withDatabase('template1'), fn);
  }
}

/**
 * Makes sure the database named in `url` exists, creating it if missing.
 * Safe to call concurrently (a parallel creator counts as success).
 * Throws InfraError with a one-line message when the server is unreachable or the URL is bad.
 */
export async function ensureDatabase(url: string = databaseUrl()): Promise<{ created: boolean; database: string }> {
  const target = parseDatabaseUrl(url);
  try {
    await withClient(url, async () => undefined);
    return { created: false, database: target.database };
  } catch (err) {
    if (errorCode(err) !== '3D000') throw describeError(err, target); // 3D000 = invalid_catalog_name
  }
  try {
    await withMaintenance(target, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(target.database)}`));
    return { created: true, database: target.database };
  } catch (err) {
    // 42P04 duplicate_database / 23505 unique_violation: someone else created it meanwhile.
    if (errorCode(err) === '42P04' || errorCode(err) === '23505') return { created: false, database: target.database };
    throw describeError(err, target);
  }
}

/**
 * Drops the database named in `url` (WITH (FORCE) closes other sessions, PG 13+).
 * Refuses system databases so a wrong URL cannot wipe the maintenance db.
 */
export async function dropDatabase(url: string): Promise<{ dropped: boolean; database: string }> {
  const target = parseDatabaseUrl(url);
  if (['postgres', 'template0', 'template1'].includes(target.database)) {
    throw new InfraError(`refusing to drop system database "${target.database}"`);
  }
  try {
    const result = await withMaintenance(target, async (client) => {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.database]);
      if (exists.rowCount === 0) return false;
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(target.database)} WITH (FORCE)`);
      return true;
    });
    return { dropped: result, database: target.database };
  } catch (err) {
    throw describeError(err, target);
  }
}

export async function status(): Promise<ServiceStatus> {
  const url = databaseUrl();
  const target = parseDatabaseUrl(url);
  const endpoint = `${target.host}:${target.port}`;
  try {
    const { version, exists } = await withMaintenance(target, async (client) => {
      const v = await client.query<{ server_version: string }>('SHOW server_version');
      const d = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.database]);
      return { version: v.rows[0]?.server_version.split(' ')[0], exists: (d.rowCount ?? 0) > 0 };
    });
    return exists
      ? { name, ok: true, state: 'running', endpoint, version, note: `database "${target.database}" exists` }
      : { name, ok: false, state: 'unhealthy', endpoint, version, note: `server up but database "${target.database}" is missing (run: infra up postgres)` };
  } catch (err) {
    return { name, ok: false, state: 'stopped', endpoint, note: describeError(err, target).message };
  }
}

/** "Starting" Postgres = verifying the system server and creating the app database. */
export async function start(): Promise<ServiceStatus> {
  const { created, database } = await ensureDatabase(databaseUrl());
  const current = await status();
  return { ...current, note: created ? `created database "${database}"` : `database "${database}" exists` };
}

/** Nothing to stop: the server belongs to the machine, not to this tooling. */
export async function stop(): Promise<string> {
  return 'system service, left running';
}
