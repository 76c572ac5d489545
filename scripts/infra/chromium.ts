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
 * seconds over ten minutes, sampled with ps), composing frames nobody looks at. The full browser
 * stays for the one spec that needs it (notification permission; playwright.config.ts).
 */
const PACKAGES = ['chromium-headless-shell', 'chromium', 'fonts-liberation'];
const DEFAULT_PATH = '/usr/bin/chromium-headless-shell';
const DEFAULT_FULL_PATH = '/usr/bin/chromium';

/** CHROMIUM_PATH (default /usr/bin/chromium-headless-shell): what e2e tests should pass as executablePath. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH?.trim() || DEFAULT_PATH;
}

/** CHROMIUM_FULL_PATH (default /usr/bin/chromium): the full browser, for what the headless build lacks. */
export function chromiumFullPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_FULL_PATH?.trim() || DEFAULT_FULL_PATH;
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
  const paths = [chromiumPath(), chromiumFullPath()];
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) return { name, ok: false, state: 'missing', endpoint: missing.join(', '), note: 'run: infra chromium' };
  const versions = await Promise.all(paths.map(chromiumVersion));
  const broken = paths.filter((_, i) => !versions[i]);
  return broken.length === 0
    ? { name, ok: true, state: 'installed', endpoint: paths.join(', '), version: versions[0] }
    : { name, ok: false, state: 'unhealthy', endpoint: broken.join(', '), note: `${broken.join(', ')} --version failed` };
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
  const paths = [chromiumPath(), chromiumFullPath()];
  if (paths.every((p) => existsSync(p))) return { ...(await status()), note: 'already installed' };
  if (paths[0] !== DEFAULT_PATH || paths[1] !== DEFAULT_FULL_PATH) throw new InfraError(`chromium: ${paths.filter((p) => !existsSync(p)).join(', ')} does not exist (CHROMIUM_PATH, CHROMIUM_FULL_PATH)`);
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    throw new InfraError(`chromium: ${paths.join(' or ')} is missing and apt-get is unavailable: install Chromium and set CHROMIUM_PATH`);
  }
  if (process.getuid?.() !== 0) {
    throw new InfraError(`chromium: ${paths.join(' or ')} is missing; installing needs root: sudo apt-get install -y ${PACKAGES.join(' ')}`);
  }
  return withLock('apt', async () => {
    const started = Date.now();
    log(name, `installing ${PACKAGES.join(' ')} with apt-get (log: ${rel(LOG_FILE)})...`);
    await apt(['update'], 'apt-get update');
    await apt(['install', '-y', '--no-install-recommends', ...PACKAGES], 'apt-get install');
    const current = await status();
    if (!current.ok) throw new InfraError(`chromium: installed but ${current.endpoint} is not usable (${current.note ?? current.state})`);
    return { ...current, note: `installed in ${formatDuration(Date.now() - started)}` };
  });
}

/** Nothing runs in the background. */
export async function stop(): Promise<string> {
  return 'nothing to stop';
}
