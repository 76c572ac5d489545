// Local EVM chain: Foundry's anvil from the @foundry-rs/anvil npm package, so
// no foundryup/curl install is needed on dev machines or CI.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  InfraError,
  LOGS_DIR,
  ROOT,
  type ServiceStatus,
  formatDuration,
  isAlive,
  isLocalHost,
  isPortOpen,
  lastLogLine,
  managedPid,
  readPid,
  rel,
  removePid,
  spawnDetached,
  stopProcess,
  waitUntil,
  withLock,
} from './process.js';

export const name = 'anvil';

const LOG_FILE = join(LOGS_DIR, 'anvil.log');
const MARKER = 'anvil';
const START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;

export interface AnvilConfig {
  rpcUrl: string;
  host: string;
  port: number;
  chainId: number;
}

/** CHAIN_RPC_URL (default http://127.0.0.1:8545) and CHAIN_ID (default 31337). */
export function anvilConfig(env: NodeJS.ProcessEnv = process.env): AnvilConfig {
  const rpcUrl = env.CHAIN_RPC_URL?.trim() || 'http://127.0.0.1:8545';
  let url: URL;
  try {
    url = new URL(rpcUrl);
  } catch {
    throw new InfraError(`CHAIN_RPC_URL is not a valid URL (expected e.g. http://127.0.0.1:8545), got "${rpcUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InfraError(`CHAIN_RPC_URL must be an http(s) URL, got "${rpcUrl}"`);
  }
  const chainId = Number(env.CHAIN_ID?.trim() || '31337');
  if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new InfraError(`CHAIN_ID must be a positive integer, got "${env.CHAIN_ID}"`);
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return { rpcUrl, host: url.hostname.replace(/^\[|\]$/g, ''), port, chainId };
}

/**
 * Prefer the platform binary over node_modules/.bin/anvil: the .bin entry is
 * a node wrapper, which would cost ~40 MB RAM and put a wrapper pid in the pid file.
 */
function anvilBinary(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const os = process.platform === 'win32' ? 'win32' : process.platform;
  const candidates = [
    join(ROOT, 'node_modules', '@foundry-rs', `anvil-${os}-${arch}`, 'bin', 'anvil'),
    join(ROOT, 'node_modules', '.bin', 'anvil'),
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new InfraError('anvil: binary not found in node_modules; run `npm install` (devDependency @foundry-rs/anvil)');
  return found;
}

/** --port of a running managed anvil, read from its command line (Linux only). */
function managedPort(pid: number): number | undefined {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const index = args.indexOf('--port');
    return index >= 0 ? Number(args[index + 1]) : undefined;
  } catch {
    return undefined;
  }
}

async function rpc(rpcUrl: string, method: string): Promise<unknown> {
  const response = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }),
    signal: AbortSignal.timeout(2000),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message?: string } };
  if (body.error) throw new Error(body.error.message ?? 'JSON-RPC error');
  return body.result;
}

export interface ChainProbe {
  ok: boolean;
  chainId?: number;
  version?: string;
  error?: string;
}

/** Health: the node answers eth_chainId (and, for display, web3_clientVersion). */
export async function probe(rpcUrl: string = anvilConfig().rpcUrl): Promise<ChainProbe> {
  try {
    const chainIdHex = await rpc(rpcUrl, 'eth_chainId');
    const chainId = typeof chainIdHex === 'string' ? Number.parseInt(chainIdHex, 16) : Number.NaN;
    if (!Number.isFinite(chainId)) return { ok: false, error: `unexpected eth_chainId result ${JSON.stringify(chainIdHex)}` };
    const client = await rpc(rpcUrl, 'web3_clientVersion').catch(() => undefined);
    const version = typeof client === 'string' ? client.replace(/^anvil\/v?/, '') : undefined;
    return { ok: true, chainId, version };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export async function status(): Promise<ServiceStatus> {
  const config = anvilConfig();
  const endpoint = `${config.host}:${config.port}`;
  const pid = managedPid(name, MARKER);
  const health = await probe(config.rpcUrl);
  if (health.ok) {
    const wrongChain = health.chainId !== config.chainId;
    return {
      name,
      ok: !wrongChain,
      state: wrongChain ? 'unhealthy' : 'running',
      endpoint,
      pid,
      version: health.version,
      note: wrongChain
        ? `answers chainId ${health.chainId}, expected ${config.chainId} (CHAIN_ID)`
        : `chainId ${health.chainId}${pid ? '' : ', external (not started by infra)'}`,
    };
  }
  if (pid) return { name, ok: false, state: 'unhealthy', endpoint, pid, note: `process alive but not answering: ${health.error}` };
  return { name, ok: false, state: 'stopped', endpoint };
}

export async function start(): Promise<ServiceStatus> {
  const config = anvilConfig();
  const endpoint = `${config.host}:${config.port}`;
  return withLock(name, async () => {
    const current = await status();
    if (current.ok) return { ...current, note: `already running, ${current.note}` };
    if (current.state === 'unhealthy' && !current.pid) throw new InfraError(`anvil: ${endpoint} ${current.note}`);
    if (current.pid) {
      const port = managedPort(current.pid);
      if (port !== undefined && port !== config.port) {
        throw new InfraError(`anvil: the node started by infra (pid ${current.pid}) listens on port ${port}, not ${config.port}; run \`infra down anvil\` first`);
      }
      // Our anvil exists but does not answer (hung?): replace it.
      await stopProcess(name, MARKER, STOP_GRACE_MS);
    }
    if (!isLocalHost(config.host)) {
      throw new InfraError(`anvil: nothing answers at ${config.rpcUrl} and it is not a local address, so it cannot be started here (check CHAIN_RPC_URL)`);
    }
    if (await isPortOpen(config.host, config.port)) {
      throw new InfraError(`anvil: port ${config.port} is in use by something that is not a JSON-RPC node (free it or set CHAIN_RPC_URL)`);
    }
    const started = Date.now();
    const pid = await spawnDetached({
      name,
      command: anvilBinary(),
      args: ['--host', config.host, '--port', String(config.port), '--chain-id', String(config.chainId)],
      logFile: LOG_FILE,
    });
    const healthy = await waitUntil(async () => (await probe(config.rpcUrl)).ok, {
      timeoutMs: START_TIMEOUT_MS,
      intervalMs: 200,
      abortIf: () => (isAlive(pid) ? undefined : `anvil: exited during startup: ${lastLogLine(LOG_FILE, /rror/) ?? 'no output'} (see ${rel(LOG_FILE)})`),
    }).catch((err: unknown) => {
      removePid(name);
      throw err;
    });
    if (!healthy) {
      await stopProcess(name, MARKER, STOP_GRACE_MS);
      throw new InfraError(`anvil: no answer on ${config.rpcUrl} within ${START_TIMEOUT_MS / 1000}s (see ${rel(LOG_FILE)})`);
    }
    const after = await probe(config.rpcUrl);
    return { name, ok: true, state: 'running', endpoint, pid, version: after.version, note: `chainId ${after.chainId}, started in ${formatDuration(Date.now() - started)}` };
  });
}

/** Stops the anvil this tooling started; an external node is left alone. */
export async function stop(): Promise<string> {
  const config = anvilConfig();
  const pid = readPid(name);
  const result = await stopProcess(name, MARKER, STOP_GRACE_MS);
  if (result === 'not-running') {
    return (await isPortOpen(config.host, config.port))
      ? `not started by infra (no pid file); leaving the node on ${config.host}:${config.port} alone`
      : 'already stopped';
  }
  return `stopped pid ${pid} (${result})`;
}
