// Local infrastructure for dev, tests and CI:
//   tsx scripts/infra.ts up [service...]      start what is not running (idempotent)
//   tsx scripts/infra.ts down [service...]    stop what this tool started
//   tsx scripts/infra.ts status [service...]  one line per service; exit 1 if one is down
//   tsx scripts/infra.ts chromium             install Chromium for e2e tests (apt)
// Services: kafka, anvil, postgres, mail (the local mail sink), chromium. `up`/`down` default to
// kafka, anvil, postgres, mail; chromium is opt-in because only the e2e step needs it and it takes an apt install.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as anvil from './infra/anvil.js';
import * as chromium from './infra/chromium.js';
import * as kafka from './infra/kafka.js';
import * as mail from './infra/mail.js';
import * as postgres from './infra/postgres.js';
import { InfraError, type InfraService, ROOT, type ServiceStatus, errorMessage } from './infra/process.js';

type ServiceModule = InfraService;

const SERVICES: Record<string, ServiceModule> = { postgres, kafka, anvil, mail, chromium };
const ALIASES: Record<string, string> = { smtp: 'mail', pg: 'postgres', db: 'postgres', chain: 'anvil', evm: 'anvil', browser: 'chromium' };
const DEFAULT_SERVICES = ['postgres', 'kafka', 'anvil', 'mail'];
const COMMANDS = ['up', 'down', 'status', 'chromium'] as const;
type Command = (typeof COMMANDS)[number];

const USAGE = `usage: tsx scripts/infra.ts <${COMMANDS.join('|')}> [${Object.keys(SERVICES).join('|')} ...]`;

function loadEnvFiles(): void {
  // Same files Next.js reads, so the CLI and the app agree on URLs; real env vars win.
  for (const file of ['.env.local', '.env']) {
    const path = join(ROOT, file);
    if (existsSync(path)) process.loadEnvFile(path);
  }
}

function line(s: ServiceStatus): string {
  const parts = [
    s.name.padEnd(9),
    s.state.padEnd(10),
    (s.endpoint ?? '').padEnd(18),
    s.pid ? `pid ${s.pid}`.padEnd(11) : '-'.padEnd(11),
    (s.version ? `v${s.version}` : '-').padEnd(16),
    s.note ?? '',
  ];
  return parts.join(' ').trimEnd();
}

function failLine(service: string, err: unknown): string {
  return `${service.padEnd(9)} FAILED     ${errorMessage(err)}`;
}

function lookup(id: string): ServiceModule {
  const service = SERVICES[ALIASES[id] ?? id];
  if (!service) throw new InfraError(`unknown service "${id}"; ${USAGE}`);
  return service;
}

function parseArgs(argv: string[]): { command: Command; services: ServiceModule[]; explicit: boolean } {
  const [commandArg, ...rest] = argv;
  if (!COMMANDS.includes(commandArg as Command)) throw new InfraError(commandArg ? `unknown command "${commandArg}"; ${USAGE}` : USAGE);
  const command = commandArg as Command;
  if (command === 'chromium') return { command: 'up', services: [chromium], explicit: true };
  const ids = rest.length > 0 ? rest : command === 'status' ? Object.keys(SERVICES) : DEFAULT_SERVICES;
  return { command, services: [...new Set(ids.map(lookup))], explicit: rest.length > 0 };
}

/** Runs `fn` on every service in parallel, printing each result as it lands; true if all succeeded. */
async function forEach(services: ServiceModule[], fn: (service: ServiceModule) => Promise<string>): Promise<boolean> {
  const results = await Promise.allSettled(
    services.map(async (service) => {
      try {
        console.log(await fn(service));
      } catch (err) {
        console.log(failLine(service.name, err));
        if (!(err instanceof InfraError) && process.env.INFRA_DEBUG) console.error(err);
        throw err;
      }
    }),
  );
  return results.every((r) => r.status === 'fulfilled');
}

async function main(): Promise<number> {
  loadEnvFiles();
  const { command, services, explicit } = parseArgs(process.argv.slice(2));

  if (command === 'up') {
    const ok = await forEach(services, async (s) => line(await s.start()));
    return ok ? 0 : 1;
  }
  if (command === 'down') {
    const ok = await forEach(services, async (s) => `${s.name.padEnd(9)} ${await s.stop()}`);
    return ok ? 0 : 1;
  }
  // status: probe in parallel but print in a stable order.
  const statuses = await Promise.all(
    services.map(async (service): Promise<{ service: ServiceModule; st?: ServiceStatus; err?: unknown }> => {
      try {
        return { service, st: await service.status() };
      } catch (err) {
        return { service, err };
      }
    }),
  );
  let ok = true;
  for (const { service, st, err } of statuses) {
    if (!st) {
      console.log(failLine(service.name, err));
      ok = false;
      continue;
    }
    console.log(line(st));
    // Chromium only counts as required when asked for explicitly (only e2e needs it).
    if (!st.ok && (explicit || st.name !== 'chromium')) ok = false;
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof InfraError ? `infra: ${err.message}` : `infra: unexpected error: ${errorMessage(err)}`);
    if (!(err instanceof InfraError) && process.env.INFRA_DEBUG) console.error(err);
    process.exit(1);
  },
);
