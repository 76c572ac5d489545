// Local mail sink (scripts/mail-sink): the SMTP server the demo and the e2e tests send to, and
// the page where their mails can be read. SMTP on SMTP_URL's port (default 1025), the inbox on
// that port + 7000 (default http://127.0.0.1:8025).
import { join } from 'node:path';
import { InfraError, LOGS_DIR, ROOT, type ServiceStatus, isAlive, isLocalHost, isPortOpen, lastLogLine, managedPid, readPid, rel, removePid, spawnDetached, stopProcess, waitUntil, withLock } from './process.js';

export const name = 'mail';

const LOG_FILE = join(LOGS_DIR, 'mail-sink.log');
const MARKER = 'mail-sink';

export function mailConfig(env: NodeJS.ProcessEnv = process.env): { host: string; smtpPort: number; httpPort: number; inboxUrl: string } {
  const raw = env.SMTP_URL?.trim() || 'smtp://127.0.0.1:1025';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InfraError(`SMTP_URL is not a valid URL (expected e.g. smtp://127.0.0.1:1025), got "${raw}"`);
  }
  const smtpPort = Number(url.port || 25);
  const httpPort = smtpPort + 7000;
  return { host: url.hostname, smtpPort, httpPort, inboxUrl: `http://127.0.0.1:${httpPort}` };
}

async function answers(inboxUrl: string): Promise<boolean> {
  return fetch(`${inboxUrl}/health`, { signal: AbortSignal.timeout(1500) }).then((r) => r.ok, () => false);
}

export async function status(): Promise<ServiceStatus> {
  const config = mailConfig();
  const endpoint = `${config.host}:${config.smtpPort}`;
  const pid = managedPid(name, MARKER);
  if (!isLocalHost(config.host)) return { name, ok: true, state: 'running', endpoint, note: 'external SMTP server (not managed here)' };
  if (await answers(config.inboxUrl)) return { name, ok: true, state: 'running', endpoint, pid, note: `inbox ${config.inboxUrl}${pid ? '' : ', external'}` };
  if (pid) return { name, ok: false, state: 'unhealthy', endpoint, pid, note: 'process alive but its inbox does not answer' };
  return { name, ok: false, state: 'stopped', endpoint };
}

export async function start(): Promise<ServiceStatus> {
  const config = mailConfig();
  return withLock(name, async () => {
    const current = await status();
    if (current.ok) return current;
    if (current.pid) await stopProcess(name, MARKER, 3_000);
    if (await isPortOpen('127.0.0.1', config.smtpPort)) throw new InfraError(`mail: port ${config.smtpPort} is in use by something that is not the mail sink (free it or set SMTP_URL)`);
    const pid = await spawnDetached({
      name,
      command: process.execPath,
      args: ['--import', 'tsx', join(ROOT, 'scripts', 'mail-sink', 'main.ts'), String(config.smtpPort), String(config.httpPort)],
      logFile: LOG_FILE,
    });
    const healthy = await waitUntil(() => answers(config.inboxUrl), {
      timeoutMs: 20_000,
      intervalMs: 200,
      abortIf: () => (isAlive(pid) ? undefined : `mail: exited during startup: ${lastLogLine(LOG_FILE, /rror/) ?? 'no output'} (see ${rel(LOG_FILE)})`),
    }).catch((err: unknown) => {
      removePid(name);
      throw err;
    });
    if (!healthy) {
      await stopProcess(name, MARKER, 3_000);
      throw new InfraError(`mail: the sink did not answer within 20s (see ${rel(LOG_FILE)})`);
    }
    return { name, ok: true, state: 'running', endpoint: `127.0.0.1:${config.smtpPort}`, pid, note: `inbox ${config.inboxUrl}` };
  });
}

export async function stop(): Promise<string> {
  const pid = readPid(name);
  const result = await stopProcess(name, MARKER, 3_000);
  return result === 'not-running' ? 'already stopped' : `stopped pid ${pid} (${result})`;
}
