// Local Apache Kafka: a real single-node KRaft broker run straight from the
// Maven Central jars (no Docker, no tarball download), so dev, tests and CI
// talk to the same broker implementation as production.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import {
  CACHE_DIR,
  DATA_DIR,
  InfraError,
  LOGS_DIR,
  ROOT,
  type RunResult,
  type ServiceStatus,
  ensureDir,
  errorCode,
  errorMessage,
  formatDuration,
  isAlive,
  isLocalHost,
  isPortOpen,
  lastLogLine,
  log,
  managedPid,
  parseHostPort,
  readPid,
  rel,
  removePid,
  run,
  sleep,
  spawnDetached,
  stopProcess,
  waitUntil,
  withLock,
} from './process.js';

export const name = 'kafka';

const INFRA_DIR = join(ROOT, 'infra', 'kafka');
const POM = join(INFRA_DIR, 'pom.xml');
const TEMPLATE = join(INFRA_DIR, 'server.properties');
const LOG4J2 = join(INFRA_DIR, 'log4j2.xml');
const LIBS_DIR = join(CACHE_DIR, 'kafka', 'libs');
const M2_DIR = join(CACHE_DIR, 'm2');
const KAFKA_DATA = join(DATA_DIR, 'kafka');
const LOG_DIRS = join(KAFKA_DATA, 'data');
const PROPS = join(KAFKA_DATA, 'server.properties');
const STAMP = join(KAFKA_DATA, 'format.json');
const LOG_FILE = join(LOGS_DIR, 'kafka.log');
const FETCH_LOG = join(LOGS_DIR, 'kafka-fetch.log');
/** Present in the broker's command line; guards against killing a reused pid. */
const MARKER = 'kafka.Kafka';
const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 30_000;

export interface KafkaConfig {
  /** Value for kafkajs `brokers`. */
  brokers: string[];
  host: string;
  port: number;
  controllerPort: number;
}

/** KAFKA_BROKERS (comma list, default 127.0.0.1:9092); the first entry is the one we manage. */
export function kafkaConfig(env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const raw = env.KAFKA_BROKERS?.trim() || '127.0.0.1:9092';
  const brokers = raw.split(',').map((b) => b.trim()).filter(Boolean);
  const { host, port } = parseHostPort(brokers[0] ?? raw, 'KAFKA_BROKERS');
  return { brokers, host, port, controllerPort: port + 1 };
}

/** Kafka version pinned in infra/kafka/pom.xml (single source of truth). */
export function kafkaVersion(): string {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(POM, 'utf8'));
  const version = match?.[1]?.trim();
  if (!version) throw new InfraError(`kafka: no <kafka.version> property in ${rel(POM)}`);
  return version;
}

/** Version of the jars currently in the cache (what a managed broker runs). */
function cachedVersion(): string | undefined {
  if (!existsSync(LIBS_DIR)) return undefined;
  for (const file of readdirSync(LIBS_DIR)) {
    const version = /^kafka_2\.13-(.+)\.jar$/.exec(file)?.[1];
    if (version) return version;
  }
  return undefined;
}

// ---------------------------------------------------------------- health

export interface KafkaProbe {
  ok: boolean;
  error?: string;
  topics?: number;
}

/** Broker health: an admin client can connect, describe the cluster and list topics. */
export async function probe(brokers: string[] = kafkaConfig().brokers): Promise<KafkaProbe> {
  const kafka = new Kafka({
    clientId: 'infra-healthcheck',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1500,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) return { ok: false, error: 'no brokers in metadata' };
    const topics = await admin.listTopics();
    return { ok: true, topics: topics.filter((t) => !t.startsWith('__')).length }; // skip internal topics
  } catch (err) {
    return { ok: false, error: errorMessage(err) };
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Java's String.hashCode, which Kafka uses to map a group id to a __consumer_offsets partition. */
function javaStringHash(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(31, hash) + value.charCodeAt(i)) | 0;
  return hash;
}

/**
 * One id per partition of a coordinator topic, so probing them touches every shard
 * (group ids -> __consumer_offsets, transactional ids -> __transaction_state, same hash).
 */
function groupIdsCovering(partitions: number): string[] {
  const byPartition = new Map<number, string>();
  for (let i = 0; byPartition.size < partitions && i < 10_000; i++) {
    const groupId = `infra-warmup-${i}`;
    const hash = javaStringHash(groupId);
    const partition = (hash === -2147483648 ? 0 : Math.abs(hash)) % partitions;
    if (!byPartition.has(partition)) byPartition.set(partition, groupId);
  }
  return [...byPartition.values()];
}

/** A retry step that runs `probe` once for an id on each partition of an internal topic, resuming where it failed. */
function everyShard(admin: Admin, topic: string, probe: (id: string) => Promise<void>): () => Promise<void> {
  let pending: string[] | undefined;
  return async () => {
    if (!pending) {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      pending = groupIdsCovering(metadata.topics[0]?.partitions.length ?? 1);
    }
    for (let id = pending[0]; id !== undefined; id = pending[0]) {
      await probe(id);
      pending.shift();
    }
  };
}

/**
 * Readiness beyond "answers metadata": right after a (fresh) start the internal
 * coordinator topics do not exist or are still loading and producer ids are not
 * allocated yet, so the first consumer / idempotent / transactional producer of a
 * test hits "The group coordinator is not available" / "The coordinator is
 * loading". Probe every coordinator shard until it answers, once per start.
 */
export async function warmUp(brokers: string[] = kafkaConfig().brokers, timeoutMs = 30_000): Promise<void> {
  const kafka = new Kafka({ clientId: 'infra-warmup', brokers, logLevel: logLevel.NOTHING, connectionTimeout: 1500, retry: { retries: 0 } });
  const deadline = Date.now() + timeoutMs;
  const retry = async (what: string, step: () => Promise<void>): Promise<void> => {
    for (;;) {
      try {
        return await step();
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs / 1000}s: ${errorMessage(err)}`);
        await sleep(250);
      }
    }
  };
  const admin = kafka.admin();
  try {
    await retry('admin connection', () => admin.connect());
    // First lookup makes the broker create __consumer_offsets; then every shard must answer.
    await retry('group coordinator', async () => void (await admin.fetchOffsets({ groupId: 'infra-warmup' })));
    await retry('group coordinator', everyShard(admin, '__consumer_offsets', async (groupId) => void (await admin.fetchOffsets({ groupId }))));
    // kafkajs refuses idempotence with retries: 0; our loop does the real retrying.
    const producerRetry = { retries: 1, initialRetryTime: 100 };
    await retry('producer id allocation', async () => {
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: producerRetry });
      try {
        await producer.connect(); // sends InitProducerId
      } finally {
        await producer.disconnect().catch(() => undefined);
      }
    });
    // Same for transactions: the first transactional producer creates __transaction_state.
    const initTransactional = async (transactionalId: string): Promise<void> => {
      const producer = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, retry: producerRetry });
      try {
        await producer.connect();
        await (await producer.transaction()).abort(); // FindCoordinator + InitProducerId; empty abort sends nothing
      } finally {
        await producer.disconnect().catch(() => undefined);
      }
    };
    await retry('transaction coordinator', () => initTransactional('infra-warmup'));
    await retry('transaction coordinator', everyShard(admin, '__transaction_state', initTransactional));
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

// ---------------------------------------------------------------- install

async function javaBinary(): Promise<string> {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  let output: string;
  try {
    const result = await run(java, ['-version']);
    output = `${result.stderr}${result.stdout}`;
  } catch (err) {
    throw new InfraError(
      `kafka: Java 17+ is required but \`${java}\` ${errorCode(err) === 'ENOENT' ? 'was not found' : `failed: ${errorMessage(err)}`} (apt-get install -y openjdk-17-jre-headless)`,
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : Number.NaN;
  if (!(major >= 17)) {
    throw new InfraError(`kafka: Java 17+ is required, found ${output.split('\n')[0]?.trim() || 'unknown'} (set JAVA_HOME)`);
  }
  return java;
}

/**
 * Fetches the broker jars with Maven once; later starts are offline. Downloads
 * into a temp folder and renames, so an interrupted fetch never looks complete.
 */
/** Fetches the broker jars if they are not cached yet (a broker started elsewhere does not need them). */
export async function install(): Promise<void> {
  await withLock('kafka-libs', () => ensureLibs(kafkaVersion()));
}

async function ensureLibs(version: string): Promise<void> {
  if (cachedVersion() === version) return;
  log(name, `fetching Apache Kafka ${version} jars from Maven Central (first run only)...`);
  const started = Date.now();
  const tmp = `${LIBS_DIR}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  const args = [
    '-q',
    '-B',
    '-U', // retry artifacts whose earlier failure Maven cached
    '-Dstyle.color=never',
    '-f',
    POM,
    `-Dmaven.repo.local=${M2_DIR}`,
    'dependency:copy-dependencies',
    `-DoutputDirectory=${tmp}`,
  ];
  let result: RunResult;
  try {
    result = await run('mvn', args, { logFile: FETCH_LOG, timeoutMs: 15 * 60_000 });
  } catch (err) {
    throw new InfraError(
      `kafka: cannot run Maven to fetch the broker jars (${errorCode(err) === 'ENOENT' ? 'mvn not found: apt-get install -y maven' : errorMessage(err)})`,
    );
  }
  if (result.code !== 0 || !existsSync(join(tmp, `kafka_2.13-${version}.jar`))) {
    const reason = mavenReason(`${result.stdout}\n${result.stderr}`) ?? `exit code ${result.code}`;
    throw new InfraError(`kafka: Maven could not fetch org.apache.kafka:kafka_2.13:${version}: ${reason} (see ${rel(FETCH_LOG)})`);
  }
  rmSync(LIBS_DIR, { recursive: true, force: true });
  renameSync(tmp, LIBS_DIR);
  log(name, `fetched ${readdirSync(LIBS_DIR).length} jars in ${formatDuration(Date.now() - started)} into ${rel(LIBS_DIR)}`);
}

/** The useful part of Maven's first error, e.g. "Could not find artifact org.apache.kafka:kafka_2.13:jar:9.9.9 in central (...)". */
function mavenReason(output: string): string | undefined {
  const line = output.split('\n').find((l) => /\[ERROR\] \S/.test(l));
  if (!line) return undefined;
  const text = line.replace(/^.*?\[ERROR\] /, '').replace(/ -> \[Help \d+\]$/, '');
  const index = text.lastIndexOf('Could not ');
  return index >= 0 ? text.slice(index) : text;
}

/** host:port of the PLAINTEXT listener in the last rendered config, i.e. what a managed broker uses. */
function renderedEndpoint(): string | undefined {
  if (!existsSync(PROPS)) return undefined;
  return /^listeners=.*PLAINTEXT:\/\/([^,\s]+)/m.exec(readFileSync(PROPS, 'utf8'))?.[1];
}

function renderConfig(config: KafkaConfig): void {
  ensureDir(KAFKA_DATA);
  const values: Record<string, string> = {
    HOST: config.host,
    BROKER_PORT: String(config.port),
    CONTROLLER_PORT: String(config.controllerPort),
    LOG_DIRS,
  };
  const rendered = readFileSync(TEMPLATE, 'utf8').replace(/\$\{([A-Z_]+)\}/g, (whole, key: string) => values[key] ?? whole);
  writeFileSync(PROPS, rendered);
}

interface FormatStamp {
  clusterId: string;
  kafkaVersion: string;
  controller: string;
}

/**
 * A cluster id in Kafka's Uuid text form: 16 random bytes, URL-safe base64 without padding. Never
 * one that starts with "-": kafka-storage's argument parser reads `-t -abc…` as a missing value
 * ("argument --cluster-id/-t: expected one argument"), 1 fresh format in 64. Kafka's own
 * Uuid.randomUuid() skips those ids for the same reason.
 */
export function newClusterId(): string {
  let id: string;
  do id = randomBytes(16).toString('base64url');
  while (id.startsWith('-'));
  return id;
}

/**
 * Formats the KRaft storage once. Re-formats (wiping disposable dev data) only
 * when the controller endpoint or Kafka version changed, because a standalone
 * quorum records its endpoint and formatted dirs are not forward-compatible.
 */
async function ensureFormatted(java: string, config: KafkaConfig, version: string): Promise<void> {
  const controller = `${config.host}:${config.controllerPort}`;
  const formatted = existsSync(join(LOG_DIRS, 'meta.properties'));
  if (formatted) {
    const stamp = readStamp();
    if (!stamp || (stamp.controller === controller && stamp.kafkaVersion === version)) return;
    log(name, `storage was formatted for ${stamp.kafkaVersion} @ ${stamp.controller}; re-formatting ${rel(LOG_DIRS)} (dev data is discarded)`);
    rmSync(LOG_DIRS, { recursive: true, force: true });
  }
  const clusterId = newClusterId();
  const result = await run(
    java,
    [...jvmBaseArgs(), 'kafka.tools.StorageTool', 'format', '--standalone', '-t', clusterId, '-c', PROPS],
    { logFile: LOG_FILE, timeoutMs: 120_000 },
  );
  if (result.code !== 0) {
    const reason = lastLogLine(LOG_FILE, /ERROR|Exception|rror:/) ?? `exit code ${result.code}`;
    throw new InfraError(`kafka: formatting storage in ${rel(LOG_DIRS)} failed: ${reason}`);
  }
  const stamp: FormatStamp = { clusterId, kafkaVersion: version, controller };
  writeFileSync(STAMP, `${JSON.stringify(stamp, null, 2)}\n`);
}

function readStamp(): FormatStamp | undefined {
  try {
    return JSON.parse(readFileSync(STAMP, 'utf8')) as FormatStamp;
  } catch {
    return undefined;
  }
}

function jvmBaseArgs(): string[] {
  return [
    `-Dlog4j2.configurationFile=${LOG4J2}`,
    `-Dkafka.logs.dir=${LOGS_DIR}`,
    '-Djava.awt.headless=true',
    '-cp',
    `${LIBS_DIR}/*`, // expanded by the JVM, not a shell
  ];
}

// ---------------------------------------------------------------- lifecycle

export async function status(): Promise<ServiceStatus> {
  const config = kafkaConfig();
  const endpoint = `${config.host}:${config.port}`;
  const pid = managedPid(name, MARKER);
  const health = await probe(config.brokers);
  if (health.ok) {
    return pid
      ? { name, ok: true, state: 'running', endpoint, pid, version: cachedVersion(), note: `${health.topics} topics` }
      : { name, ok: true, state: 'running', endpoint, note: `external (not started by infra), ${health.topics} topics` };
  }
  if (pid) return { name, ok: false, state: 'unhealthy', endpoint, pid, note: `process alive but broker not answering: ${health.error}` };
  return { name, ok: false, state: 'stopped', endpoint };
}

export async function start(): Promise<ServiceStatus> {
  const config = kafkaConfig();
  const endpoint = `${config.host}:${config.port}`;
  return withLock(name, async () => {
    const current = await status();
    if (current.ok) return { ...current, note: `already running${current.pid ? '' : ' (external)'}` };
    if (current.pid) {
      // One managed broker per checkout (it owns .data/kafka): never touch it for another endpoint.
      const running = renderedEndpoint();
      if (running && running !== endpoint) {
        throw new InfraError(`kafka: the broker started by infra (pid ${current.pid}) listens on ${running}, not ${endpoint}; run \`infra down kafka\` first`);
      }
      // Our broker exists but is not answering yet (still starting, or hung): give it the startup budget.
      await waitHealthy(config, current.pid, Date.now());
      return { ...(await status()), note: 'was still starting' };
    }
    if (!isLocalHost(config.host)) {
      throw new InfraError(`kafka: no broker answers at ${endpoint} and it is not a local address, so it cannot be started here (check KAFKA_BROKERS)`);
    }
    if (await isPortOpen(config.host, config.port)) {
      throw new InfraError(`kafka: port ${config.port} is in use by something that is not a Kafka broker (free it or set KAFKA_BROKERS)`);
    }
    if (await isPortOpen(config.host, config.controllerPort)) {
      throw new InfraError(`kafka: controller port ${config.controllerPort} (broker port + 1) is already in use (free it or set KAFKA_BROKERS)`);
    }

    const version = kafkaVersion();
    const java = await javaBinary();
    await ensureLibs(version);
    renderConfig(config);
    await ensureFormatted(java, config, version);

    const started = Date.now();
    const pid = await spawnDetached({
      name,
      command: java,
      args: ['-Xms256m', '-Xmx768m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:+ExitOnOutOfMemoryError', ...jvmBaseArgs(), MARKER, PROPS],
      logFile: LOG_FILE,
    });
    await waitHealthy(config, pid, started);
    try {
      await warmUp(config.brokers, Math.max(10_000, START_TIMEOUT_MS - (Date.now() - started)));
    } catch (err) {
      await stopProcess(name, MARKER, STOP_GRACE_MS); // all-or-nothing: no half-ready broker left behind
      throw new InfraError(`kafka: broker answered but is not usable: ${errorMessage(err)} (see ${rel(LOG_FILE)})`);
    }
    return { name, ok: true, state: 'running', endpoint, pid, version, note: `started in ${formatDuration(Date.now() - started)}` };
  });
}

async function waitHealthy(config: KafkaConfig, pid: number, started: number): Promise<void> {
  const healthy = await waitUntil(async () => (await probe(config.brokers)).ok, {
    timeoutMs: Math.max(0, START_TIMEOUT_MS - (Date.now() - started)),
    intervalMs: 500,
    abortIf: () =>
      isAlive(pid)
        ? undefined
        : `kafka: broker exited during startup: ${lastLogLine(LOG_FILE, /ERROR|Exception/) ?? 'no output'} (see ${rel(LOG_FILE)})`,
  }).catch((err: unknown) => {
    removePid(name);
    throw err;
  });
  if (!healthy) {
    await stopProcess(name, MARKER, 5000);
    throw new InfraError(
      `kafka: broker did not answer on ${config.host}:${config.port} within ${START_TIMEOUT_MS / 1000}s: ${lastLogLine(LOG_FILE, /ERROR|WARN/) ?? 'no output'} (see ${rel(LOG_FILE)})`,
    );
  }
}

/** Stops the broker this tooling started (graceful shutdown first); leaves external brokers alone. */
export async function stop(): Promise<string> {
  const config = kafkaConfig();
  const pid = readPid(name);
  const started = Date.now();
  const result = await stopProcess(name, MARKER, STOP_GRACE_MS);
  if (result === 'not-running') {
    return (await isPortOpen(config.host, config.port))
      ? `not started by infra (no pid file); leaving the broker on ${config.host}:${config.port} alone`
      : 'already stopped';
  }
  return `stopped pid ${pid} (${result === 'graceful' ? 'graceful' : `killed after ${STOP_GRACE_MS / 1000}s`}, ${formatDuration(Date.now() - started)})`;
}
