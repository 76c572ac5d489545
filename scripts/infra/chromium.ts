// Chromium for browser (e2e) tests, installed from Debian apt: Playwright's
// own browser download needs internet we do not have on CI. Install only;
// nothing runs in the background.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InfraError, LOGS_DIR, type ServiceStatus, errorMessage, formatDuration, lastLogLine, log, rel, run, withLock } from './process.js';

export const name = 'chromium';

const LOG_FILE = join(LOGS_DIR, 'chromium-install.log');
/**
 * --no-install-recommends skips upower/udev/notification daemons; fonts-liberation keeps page rendering stable.
 * The tests drive `chromium-headless-shell` (Chromium's headless-only build, what Playwright's own
 * download uses for headless runs), not the full browser in headless mode: in a full e2e run on two
 * cores the full browser's main and GPU processes took a quarter of the machine (296 of 1,256 CPU
 * seconds over ten minutes, sampled with ps), composing frames nobody looks at.
 */
const PACKAGES = ['chromium-headless-shell', 'fonts-liberation'];
const DEFAULT_PATH = '/usr/bin/chromium-headless-shell';

/** CHROMIUM_PATH (default /usr/bin/chromium-headless-shell): what e2e tests should pass as executablePath. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH?.trim() || DEFAULT_PATH;
}

async function chromiumVersion(path: string): Promise<string | undefined> {
  try {
    const result = await run(path, ['--version'], { timeoutMs: 15_000 });
    return /(\d+\.\d+\.\d+\.\d+)/.exec(result.stdout)?.[1];
  } catch {
    return undefined;
  }
}

export async function status(): Promise<ServiceStatus> {
  const path = chromiumPath();
  if (!existsSync(path)) return { name, ok: false, state: 'missing', endpoint: path, note: 'run: infra chromium' };
  const version = await chromiumVersion(path);
  return version
    ? { name, ok: true, state: 'installed', endpoint: path, version }
    : { name, ok: false, state: 'unhealthy', endpoint: path, note: `${path} --version failed` };
}

async function apt(args: string[], what: string): Promise<void> {
  const result = await run('apt-get', ['-q', '-o', 'Dpkg::Use-Pty=0', '-o', 'DPkg::Lock::Timeout=120', ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    logFile: LOG_FILE,
    timeoutMs: 15 * 60_000,
  }).catch((err: unknown) => {
    throw new InfraError(`chromium: cannot run apt-get (${errorMessage(err)}): install Chromium manually and set CHROMIUM_PATH`);
  });
  if (result.code !== 0) {
    throw new InfraError(`chromium: ${what} failed: ${lastLogLine(LOG_FILE, /^(E|W):/) ?? `exit code ${result.code}`} (see ${rel(LOG_FILE)})`);
  }
}

/** Installs Chromium via apt when missing (root needed); a no-op when present. */
export async function start(): Promise<ServiceStatus> {
  const path = chromiumPath();
  if (existsSync(path)) return { ...(await status()), note: 'already installed' };
  if (path !== DEFAULT_PATH) throw new InfraError(`chromium: CHROMIUM_PATH=${path} does not exist`);
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    throw new InfraError(`chromium: ${DEFAULT_PATH} is missing and apt-get is unavailable: install Chromium and set CHROMIUM_PATH`);
  }
  if (process.getuid?.() !== 0) {
    throw new InfraError(`chromium: ${DEFAULT_PATH} is missing; installing needs root: sudo apt-get install -y ${PACKAGES.join(' ')}`);
  }
  return withLock('apt', async () => {
    const started = Date.now();
    log(name, `installing ${PACKAGES.join(' ')} with apt-get (log: ${rel(LOG_FILE)})...`);
    await apt(['update'], 'apt-get update');
    await apt(['install', '-y', '--no-install-recommends', ...PACKAGES], 'apt-get install');
    const current = await status();
    if (!current.ok) throw new InfraError(`chromium: installed but ${path} is not usable (${current.note ?? current.state})`);
    return { ...current, note: `installed in ${formatDuration(Date.now() - started)}` };
  });
}

/** Nothing runs in the background. */
export async function stop(): Promise<string> {
  return 'nothing to stop';
}
