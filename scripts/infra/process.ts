// Shared helpers for the local-infra scripts: repo paths, pid files, detached
// spawning, health polling and graceful stop. Kept dependency-free so every
// service module (and the test runner) can import it cheaply.
import { spawn, type SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repo root, derived from this file's location so cwd does not matter. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DATA_DIR = join(ROOT, '.data');
export const CACHE_DIR = join(ROOT, '.cache');
export const LOGS_DIR = join(DATA_DIR, 'logs');
export const PIDS_DIR = join(DATA_DIR, 'pids');

/** An expected failure: the CLI prints `message` as one line, without a stack. */
export class InfraError extends Error {
  override name = 'InfraError';
}

export type ServiceState = 'running' | 'stopped' | 'installed' | 'missing' | 'unhealthy';

export interface ServiceStatus {
  name: string;
  /** true when the service is usable (running / installed). */
  ok: boolean;
  state: ServiceState;
  /** host:port or path. */
  endpoint?: string;
  pid?: number;
  version?: string;
  /** Free-form extra info, e.g. "external" or "started in 4.2s". */
  note?: string;
}

/** What every service module exports, so CLI/demo/test runner treat them alike. */
export interface InfraService {
  name: string;
  start(): Promise<ServiceStatus>;
  /** Resolves to a human summary ("stopped pid 123 (graceful)", "already stopped"). */
  stop(): Promise<string>;
  status(): Promise<ServiceStatus>;
}

export const rel = (p: string): string => relative(process.cwd(), p) || '.';

export function log(service: string, message: string): void {
  console.log(`${service.padEnd(9)} ${message}`);
}

export function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function errorMessage(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return errorMessage(err.errors[0]);
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A port nothing listens on right now (the kernel's pick), for a private test server. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

// ---------------------------------------------------------------- pid files

const pidFile = (name: string): string => join(PIDS_DIR, `${name}.pid`);

export function readPid(name: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(pidFile(name), 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function writePid(name: string, pid: number): void {
  ensureDir(PIDS_DIR);
  writeFileSync(pidFile(name), `${pid}\n`);
}

export function removePid(name: string): void {
  rmSync(pidFile(name), { force: true });
}

/** Alive and not a zombie (a zombie keeps its pid until reaped but is already gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return errorCode(err) === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no procfs (macOS): trust kill(0)
  }
}

/** Guards against pid reuse: only treat a pid as ours if its command line contains `marker`. */
function cmdlineMatches(pid: number, marker: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
  } catch {
    return true; // no procfs: cannot tell, assume it is ours
  }
}

/**
 * The pid recorded for `name` if that process is still ours and alive.
 * Stale pid files (dead or reused pid) are removed on the way.
 */
export function managedPid(name: string, marker: string): number | undefined {
  const pid = readPid(name);
  if (pid === undefined) return undefined;
  if (isAlive(pid) && cmdlineMatches(pid, marker)) return pid;
  removePid(name);
  return undefined;
}

// ---------------------------------------------------------------- locking

/**
 * Cross-process mutex (O_EXCL lock file) so two concurrent `up`s, e.g. parallel
 * test workers, cannot both spawn a broker. Stale locks of dead owners are broken.
 */
export async function withLock<T>(name: string, fn: () => Promise<T>, timeoutMs = 180_000): Promise<T> {
  ensureDir(PIDS_DIR);
  const file = join(PIDS_DIR, `${name}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw err;
      const owner = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      if (!Number.isInteger(owner) || owner === process.pid || !isAlive(owner)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new InfraError(`timed out waiting for lock ${rel(file)} held by pid ${owner}`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(file, { force: true });
  }
}

// ---------------------------------------------------------------- spawning

export interface DetachedSpec {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
}

/**
 * Starts a long-lived process that survives the CLI: own process group
 * (detached), output appended to a log file, pid recorded, parent unref'd.
 */
export async function spawnDetached(spec: DetachedSpec): Promise<number> {
  ensureDir(dirname(spec.logFile));
  rotateLog(spec.logFile);
  const fd = openSync(spec.logFile, 'a');
  writeSync(fd, `\n----- ${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`);
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd ?? ROOT,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    // spawn reports ENOENT/EACCES asynchronously; wait for either outcome.
    const pid = await new Promise<number>((resolvePid, reject) => {
      child.once('error', reject);
      child.once('spawn', () => resolvePid(child.pid ?? -1));
    });
    child.unref();
    writePid(spec.name, pid);
    return pid;
  } catch (err) {
    throw new InfraError(`${spec.name}: cannot run ${spec.command}: ${errorMessage(err)}`);
  } finally {
    closeSync(fd);
  }
}

/** Logs are appended across restarts (useful history); keep one old generation once they get big. */
function rotateLog(file: string, maxBytes = 20 * 1024 * 1024): void {
  try {
    if (statSync(file).size > maxBytes) renameSync(file, `${file}.1`);
  } catch {
    /* no log yet */
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, capturing output (optionally teeing it to a log file). */
export function run(
  command: string,
  args: string[],
  options: SpawnOptions & { logFile?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  const { logFile, timeoutMs, ...spawnOptions } = options;
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { cwd: ROOT, ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const logFd = logFile ? openSync(ensureLogFile(logFile), 'a') : undefined;
    if (logFd !== undefined) writeSync(logFd, `\n----- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (logFd !== undefined) writeSync(logFd, chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (logFd !== undefined) writeSync(logFd, chunk);
    });
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGKILL'), timeoutMs) : undefined;
    child.once('error', (err) => {
      if (timer) clearTimeout(timer);
      if (logFd !== undefined) closeSync(logFd);
      reject(err);
    });
    child.once('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (logFd !== undefined) closeSync(logFd);
      resolveRun({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

function ensureLogFile(file: string): string {
  ensureDir(dirname(file));
  return file;
}

/** Last non-empty line of a log file matching `pattern` (or just the last one), for one-line errors. */
export function lastLogLine(file: string, pattern?: RegExp): string | undefined {
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('-----'));
  const candidates = pattern ? lines.filter((l) => pattern.test(l)) : lines;
  const line = candidates.at(-1) ?? lines.at(-1);
  return line && line.length > 240 ? `${line.slice(0, 237)}...` : line;
}

// ---------------------------------------------------------------- waiting / stopping

/** True if something accepts TCP connections on host:port. */
export function isPortOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = connect({ host, port });
    const done = (open: boolean): void => {
      socket.destroy();
      resolveOpen(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  /** Checked every round; a string aborts the wait with that reason (e.g. "process exited"). */
  abortIf?: () => string | undefined;
}

/** Polls `check` until it returns true; resolves false on timeout, throws InfraError on abort. */
export async function waitUntil(check: () => Promise<boolean>, options: WaitOptions): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return true;
    const reason = options.abortIf?.();
    if (reason) throw new InfraError(reason);
    if (Date.now() >= deadline) return false;
    await sleep(options.intervalMs ?? 500);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  // Detached children lead their own process group: signal the group so
  // wrappers and their children go down together; fall back to the pid.
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      /* already gone */
    }
  }
}

/**
 * SIGTERM, wait up to `graceMs` for a clean exit, then SIGKILL.
 * Returns 'graceful' | 'killed' | 'not-running'.
 */
export async function stopProcess(name: string, marker: string, graceMs: number): Promise<'graceful' | 'killed' | 'not-running'> {
  const pid = managedPid(name, marker);
  if (pid === undefined) return 'not-running';
  signalGroup(pid, 'SIGTERM');
  const exited = await waitUntil(async () => !isAlive(pid), { timeoutMs: graceMs, intervalMs: 200 });
  if (!exited) {
    signalGroup(pid, 'SIGKILL');
    await waitUntil(async () => !isAlive(pid), { timeoutMs: 5000, intervalMs: 100 });
  }
  removePid(name);
  return exited ? 'graceful' : 'killed';
}

/** Parses "host:port" (optionally with a scheme), used for KAFKA_BROKERS-style values. */
export function parseHostPort(value: string, what: string): { host: string; port: number } {
  const trimmed = value.trim().replace(/^[a-z]+:\/\//i, '');
  const [, host, portText] = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(trimmed) ?? [];
  const port = Number(portText);
  if (!host || !(port >= 1 && port <= 65_535)) {
    throw new InfraError(`${what} must look like host:port (e.g. 127.0.0.1:9092), got "${value}"`);
  }
  return { host: host.replace(/^\[|\]$/g, ''), port };
}

export function isLocalHost(host: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '0.0.0.0'].includes(host);
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
}
