import { z } from "zod";

/** The local default session secret: fine on a laptop, refused in production (see below). */
const DEVELOPMENT_SECRET = "go-coffee-local-development-secret";

/**
 * Session secrets that appear anywhere in this repository (.env.example, compose files, docs) or
 * are common placeholders: a production server refuses them, since anyone can read them here.
 * lib/env/schema.test.ts scans the repository so a new example value cannot be forgotten.
 */
export const PUBLISHED_SECRETS: readonly string[] = [DEVELOPMENT_SECRET, "change-me-to-a-long-random-secret", "changeme", "change-me", "secret", "your-secret-here"];
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

/**
 * The local default key ring for integration credentials (lib/integrations/crypto.ts): 32 bytes
 * anyone can read here, so production refuses it (lib/integrations/crypto.ts: wherever credentials are
 * encrypted or decrypted; the rest of the app runs without integrations keys).
 */
export const DEVELOPMENT_INTEGRATIONS_KEYS = "dev:Z28tY29mZmVlLWxvY2FsLWludGVncmF0aW9ucy1rZXk";

/** `id:base64key[,id:base64key…]`, newest first; every key 32 bytes (AES-256). */
const keyRing = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/_=-]+(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/_=-]+)*$/, "must be id:base64key[,id:base64key…], newest first (openssl rand -base64 32 per key)")
  .transform((v, ctx) => {
    const keys = v.split(",").map((entry) => {
      const [id, b64] = entry.split(":") as [string, string];
      return { id, key: Buffer.from(b64, "base64") };
    });
    for (const k of keys) if (k.key.length !== 32) ctx.addIssue({ code: "custom", message: `key "${k.id}" must be 32 bytes (openssl rand -base64 32), got ${k.key.length}` });
    if (new Set(keys.map((k) => k.id)).size !== keys.length) ctx.addIssue({ code: "custom", message: "key ids must be unique" });
    return keys;
  });

/** An optional comma-separated list of chain ids. */
function chainIds(example: string) {
  return z
    .string()
    .regex(/^\d+(,\d+)*$/, `must be a comma-separated list of chain ids, e.g. ${example}`)
    .optional()
    .transform((v) => (v ? [...new Set(v.split(",").map(Number))] : undefined));
}

/**
 * Every setting the app and the workers read, with local defaults so `npm run demo` needs none.
 * Documented one by one in .env.example; keep the two in step.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** Name stamped on every log line and metric of this process (workers set their own). */
  SERVICE_NAME: z.string().min(1).default("app"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgresql:// URL, e.g. postgresql://postgres@127.0.0.1:5432/gocoffee" })
    .default("postgresql://postgres@127.0.0.1:5432/gocoffee"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),

  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s:]+:\d+(,[^,\s:]+:\d+)*$/, "must be a comma-separated list of host:port")
    .default("127.0.0.1:9092"),
  KAFKA_CLIENT_ID: z.string().min(1).default("go-coffee"),
  /** Prepended to every topic and consumer group, so test runs never see the demo's events. */
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, "may hold only letters, digits, '.', '_' and '-'")
    .default(""),
  KAFKA_PARTITIONS: z.coerce.number().int().min(1).max(64).default(3),

  /** The relay's wait between reads that found less than a batch: its added latency (lib/kafka/relay.ts). */
  OUTBOX_POLL_MS: z.coerce.number().int().min(1).max(60_000).default(15),
  OUTBOX_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  /** How long the order processor waits after a small batch before fetching again, for a fuller one (see lib/kafka/consumer.ts). */
  PROCESSOR_LINGER_MS: z.coerce.number().int().min(0).max(1000).default(20),
  /** How often the order processor looks for orders for later whose fire time has come (lib/orders/schedule/release.ts). */
  SCHEDULE_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(5000),
  /** The same for the analytics worker: the dashboard can be a quarter second behind, and bigger batches cost far less. */
  ANALYTICS_LINGER_MS: z.coerce.number().int().min(0).max(5000).default(250),
  /**
   * How often the inventory agent and the coordinator look at a shop at most while its order events
   * keep coming (workers/stock-agent.ts; the last look after a burst is never lost). 0: at every
   * batch, as the agent-crash fault test wants (every event a look and a processed-events row).
   */
  STOCK_AGENT_LOOK_EVERY_MS: z.coerce.number().int().min(0).max(60_000).default(2000),

  // Chains (one table of them: lib/chain/config.ts). CHAIN_ID is the deployment's own chain, the
  // one whose RPC is CHAIN_RPC_URL; the two lists say what wallets and the checkout may use and
  // both default to it.
  /** The deployment's own chain (31337 = the local anvil): the default of both lists below. */
  CHAIN_ID: z.coerce.number().int().positive().default(31337),
  /** CHAIN_ID's JSON-RPC URL, as the servers reach it. */
  CHAIN_RPC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).default("http://127.0.0.1:8545"),
  /** CHAIN_ID's JSON-RPC URL as browsers reach it (it may differ from the servers'); empty = CHAIN_RPC_URL. */
  WALLET_RPC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  /** Chains the crypto checkout offers (comma-separated ids; each needs a deployed router in lib/chain/config.ts); empty = CHAIN_ID. */
  PAYMENT_CHAIN_IDS: chainIds("31337 or 1,8453"),
  /** Chains browsers may connect and sign in with (comma-separated ids); empty = CHAIN_ID and the payment chains. */
  WALLET_CHAIN_IDS: chainIds("1,8453"),
  /**
   * Offers a "Test wallet" (wagmi's mock connector on anvil's first account) in the wallet dialog,
   * for browser tests. Only with the local chain (CHAIN_ID 31337), whose node signs for it.
   */
  WALLET_TEST_CONNECTOR: z
    .enum(["true", "false"], { error: "must be true or false" })
    .default("false")
    .transform((v) => v === "true"),
  /** RPC endpoints of the payment chains other than CHAIN_ID: "<chainId>=<url>" pairs, comma-separated (CHAIN_ID uses CHAIN_RPC_URL). */
  PAYMENT_RPC_URLS: z
    .string()
    .regex(/^(\d+=https?:\/\/[^,\s]+)(,\d+=https?:\/\/[^,\s]+)*$/, "must be <chainId>=<http(s) url> pairs separated by commas")
    .optional()
    .transform((v) => Object.fromEntries((v ? v.split(",") : []).map((pair) => [Number(pair.slice(0, pair.indexOf("="))), pair.slice(pair.indexOf("=") + 1)])) as Record<number, string>),
  /** How long an invoice's quote is held (the issue asks for 15 minutes; tests shorten it). */
  INVOICE_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /** Local development only: private keys of shops' receiving wallets, for refunds sent by the app (comma-separated 0x keys). */
  REFUND_PRIVATE_KEYS: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}(,0x[0-9a-fA-F]{64})*$/, "must be comma-separated 0x-prefixed 32-byte hex private keys")
    .optional()
    .transform((v) => (v ? (v.split(",") as `0x${string}`[]) : [])),
  /** How often the payment watcher polls each chain for new blocks. */
  PAYMENT_WATCHER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(250),
  /** The treasury desk (workers/trading.ts): the least net profit, in USD cents, for an opportunity to be published and traded. */
  TRADING_MIN_PROFIT_USD_CENTS: z.coerce.number().int().min(0).default(500),
  /** The trading worker's clock: DCA, rebalancing and lending run this often, and the head is read this often besides the new-heads subscription (a block waits at most this long when the socket is down). */
  TRADING_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  /** The on-chain analyzer: a swap on a watched pool whose USDC leg is worth at least this is recorded as large. */
  TRADING_LARGE_SWAP_USD_CENTS: z.coerce.number().int().min(1).default(1_000_000),
  /** How often the analyzer reads the treasury's and the shops' wallets (a wallet is recorded only when it changed). */
  TRADING_BALANCES_EVERY_MS: z.coerce.number().int().min(250).max(3_600_000).default(10_000),

  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// URL" }).default("redis://127.0.0.1:6379"),
  /** Prepended to every Redis key (rate limits…), so test runs never share counters with the demo. */
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._:-]*$/, "may hold only letters, digits, '.', '_', ':' and '-'")
    .default("gocoffee:"),

  APP_URL: z.url({ error: "must be the app's public URL, e.g. http://localhost:3000" }).default("http://localhost:3000"),
  NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").default(DEVELOPMENT_SECRET),

  /**
   * Load balancers / reverse proxies in front of the app that append the client's address to
   * X-Forwarded-For. 0 (no proxy): the header is ignored and the socket's peer is the client.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Bearer token for GET /api/metrics; unset = metrics are not served over the public port. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),

  /** Outgoing mail (invitations, email confirmation). Locally: the demo's mail sink. */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).default("smtp://127.0.0.1:1025"),
  MAIL_FROM: z.string().min(3).default("Go Coffee <no-reply@gocoffee.local>"),

  /** Orders a guest may place per minute from one device (device cookie, else the IP address). */
  ORDER_LIMIT_GUEST_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Orders per minute from one IP address, guests together (a café's Wi-Fi shares one). */
  ORDER_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Orders a signed-in customer may place per minute. */
  ORDER_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  /** Guest orders one device may have open (unpaid or not yet collected) at once. */
  GUEST_OPEN_ORDERS_MAX: z.coerce.number().int().min(1).default(5),
  /** Tickets a queue snapshot (barista screen, API) carries; the rest are counted as "N more". */
  QUEUE_SNAPSHOT_LIMIT: z.coerce.number().int().min(10).max(10_000).default(200),
  /** Live streams (SSE) at once: per device, per IP address and per app instance. */
  STREAMS_PER_CLIENT: z.coerce.number().int().min(1).default(8),
  STREAMS_PER_IP: z.coerce.number().int().min(1).default(64),
  STREAMS_PER_INSTANCE: z.coerce.number().int().min(1).default(2000),
  /** A live stream ends after this long; browsers reconnect by themselves (and resume). */
  STREAM_MAX_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  /** How often a session re-reads its user from the database: revocations take effect within this (browser tests shorten it). */
  SESSION_REFRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),

  /**
   * Keys that encrypt integration credentials at rest (AES-256-GCM), newest first: the first
   * encrypts, every one decrypts, and a credential under an older key is re-encrypted when used.
   */
  INTEGRATIONS_KEYS: keyRing.optional(),
  /** 1inch's API root (lib/defi/oneinch); tests point it at scripts/testing/fake-oneinch.ts. */
  ONEINCH_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL such as https://api.1inch.dev" }).default("https://api.1inch.dev"),
  /** A 1inch Developer Portal key (sent as Bearer); unset = no 1inch client. */
  ONEINCH_API_KEY: z.string().min(1).optional(),
  /** Jupiter's API root (lib/defi/jupiter): lite-api.jup.ag needs no key, api.jup.ag takes JUPITER_API_KEY; tests use scripts/testing/fake-jupiter.ts. */
  JUPITER_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL such as https://lite-api.jup.ag" }).default("https://lite-api.jup.ag"),
  JUPITER_API_KEY: z.string().min(1).optional(),
  /** Raydium's Trade API root (lib/defi/raydium; no key); tests use scripts/testing/fake-raydium.ts. */
  RAYDIUM_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL such as https://transaction-v1.raydium.io" }).default("https://transaction-v1.raydium.io"),
  /** Slack Web API base URL: Slack itself, or the local fake Slack in the demo and tests. */
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL ending in /api/" }).default("https://slack.com/api/"),
  /** ClickUp's API v2 root (lib/integrations/clickup/client.ts); tests and the demo point it at scripts/testing/fake-clickup.ts. */
  CLICKUP_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL such as https://api.clickup.com/api/v2/" }).default("https://api.clickup.com/api/v2/"),
  /** Airtable's API root (lib/integrations/airtable); tests and the demo point it at scripts/testing/fake-airtable.ts. */
  AIRTABLE_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL such as https://api.airtable.com" }).default("https://api.airtable.com"),
  /** Google Sheets API root and Google's OAuth token endpoint (lib/integrations/sheets); tests and the demo point both at scripts/testing/fake-google.ts. */
  GOOGLE_SHEETS_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL such as https://sheets.googleapis.com/" }).default("https://sheets.googleapis.com/"),
  GOOGLE_OAUTH_TOKEN_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL such as https://oauth2.googleapis.com/token" }).default("https://oauth2.googleapis.com/token"),
  /** Slack app's signing secret: verifies POST /api/integrations/slack/interactivity; unset = that door answers 404. */
  SLACK_SIGNING_SECRET: z.string().min(16, "must be at least 16 characters").optional(),

  /** The Telegram bot's token from @BotFather; unset = the telegram-bot worker stays idle. */
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{10,}$/, "must be a bot token from @BotFather, like 123456:ABC-DEF…").optional(),
  /** Telegram Bot API root: Telegram itself, or the local fake in the demo and tests. */
  TELEGRAM_API_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).default("https://api.telegram.org"),
  /**
   * Webhook mode (production): the public URL of POST /api/integrations/telegram/webhook. Set, the
   * worker registers it with Telegram (and stops long polling); unset, the worker long-polls.
   */
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, error: "must be the public https:// URL of /api/integrations/telegram/webhook" }).optional(),
  /** Telegram sends it back in X-Telegram-Bot-Api-Secret-Token; unset = the webhook route answers 404. */
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{32,256}$/, "must be 32 to 256 characters of A-Z, a-z, 0-9, _ and -").optional(),

  /**
   * Web Push (lib/push): the VAPID key pair (base64url, `npx web-push generate-vapid-keys`; the demo
   * makes one per checkout) and the contact the push services may write to. Unset = the tracking
   * page offers no notifications and nothing is sent.
   */
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, "must be a base64url P-256 public key (npx web-push generate-vapid-keys)").optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "must be a base64url P-256 private key (npx web-push generate-vapid-keys)").optional(),
  VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, "must be a mailto: or https:// contact").default("mailto:ops@gocoffee.example"),
  /**
   * Push services a subscription's endpoint may point at besides the browsers' own (FCM, Mozilla,
   * Apple, Windows): origins, comma-separated. Tests and the demo add the local fake push service;
   * anything else is refused, so the app never POSTs to an address a stranger chose.
   */
  PUSH_EXTRA_ORIGINS: z.string().default(""),

  /** First port of the workers' health/metrics servers; each worker takes the next one. */
  WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(9464),

  // Operations (docs/operations.md): where workers listen, Kafka durability, tracing, the region.
  /** Address the workers' health/metrics servers bind to: 0.0.0.0 in containers, where probes and Prometheus come from outside. */
  WORKER_HTTP_HOST: z.string().min(1).default("127.0.0.1"),
  /** Replicas of each topic created at start-up (1 on a single broker; 3 in production). */
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(5).default(1),
  /** OTLP/HTTP collector base URL (traces go to <url>/v1/traces); unset = no tracing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL, e.g. http://otel-collector:4318" }).optional(),
  /** service.namespace of every span (service.name is SERVICE_NAME). */
  OTEL_SERVICE_NAMESPACE: z.string().min(1).default("go-coffee"),
  /** Share of new traces recorded, 0–1 (a trace started upstream keeps its caller's decision). */
  OTEL_TRACES_SAMPLER_RATIO: z.coerce.number().min(0).max(1).default(1),
  /** Region this deployment runs in (on spans and logs; docs/multi-region.md). */
  DEPLOYMENT_REGION: z.string().min(1).default("local"),

  // Back-office agents (docs/agents.md). No provider: every agent decides by its rules and records "rules".
  /** Which language model the agents ask: none (rules only), google (Gemini), ollama, or openai-compatible. */
  AGENT_PROVIDER: z.enum(["none", "google", "ollama", "openai-compatible"]).default("none"),
  /** The provider's model id, e.g. gemini-2.5-flash, llama3.2, qwen2.5:7b. */
  AGENT_MODEL: z.string().min(1).optional(),
  /** The provider's base URL (Ollama: http://127.0.0.1:11434/api; required for openai-compatible). */
  AGENT_BASE_URL: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  /** API key for the provider (Gemini's key; an OpenAI-compatible server's bearer token). */
  AGENT_API_KEY: z.string().min(1).optional(),
  /** A model call slower than this is abandoned (the agent retries once, then uses its rules). */
  AGENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /**
   * The model's price per million input (prompt) tokens, in micro-USD (integer: 300000 = $0.30),
   * for the cost estimate on each run. Unset: the cost is unknown and shown as "—".
   */
  AGENT_INPUT_PRICE_PER_MTOK: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
  /** The same per million output (completion) tokens, in micro-USD. */
  AGENT_OUTPUT_PRICE_PER_MTOK: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
});

/** The chain lists with their defaults filled in (both default to CHAIN_ID; wallets also get the payment chains). */
function withChainDefaults(parsed: z.infer<typeof envSchema>): Env {
  const payment = parsed.PAYMENT_CHAIN_IDS ?? [parsed.CHAIN_ID];
  return { ...parsed, PAYMENT_CHAIN_IDS: payment, WALLET_CHAIN_IDS: parsed.WALLET_CHAIN_IDS ?? [...new Set([parsed.CHAIN_ID, ...payment])] };
}

/** Rules across variables, checked after each variable is valid on its own. */
function crossCheck(env: Env): string[] {
  const problems: string[] = [];
  if (env.WALLET_TEST_CONNECTOR && env.CHAIN_ID !== LOCAL_CHAIN_ID) problems.push(`WALLET_TEST_CONNECTOR needs the local chain (CHAIN_ID ${LOCAL_CHAIN_ID})`);
  if (env.AGENT_PROVIDER !== "none" && !env.AGENT_MODEL) problems.push(`AGENT_PROVIDER=${env.AGENT_PROVIDER} needs AGENT_MODEL`);
  if (env.AGENT_PROVIDER === "openai-compatible" && !env.AGENT_BASE_URL) problems.push("AGENT_PROVIDER=openai-compatible needs AGENT_BASE_URL");
  if ((env.AGENT_INPUT_PRICE_PER_MTOK === undefined) !== (env.AGENT_OUTPUT_PRICE_PER_MTOK === undefined)) problems.push("AGENT_INPUT_PRICE_PER_MTOK and AGENT_OUTPUT_PRICE_PER_MTOK go together (a cost from half the price would be wrong)");
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) problems.push("TELEGRAM_WEBHOOK_URL needs TELEGRAM_WEBHOOK_SECRET (Telegram must prove each update came from it)");
  return problems;
}

/** anvil's chain id: the only chain whose node holds (and signs with) well-known test keys. */
export const LOCAL_CHAIN_ID = 31337;

export type Env = Omit<z.infer<typeof envSchema>, "PAYMENT_CHAIN_IDS" | "WALLET_CHAIN_IDS"> & { PAYMENT_CHAIN_IDS: number[]; WALLET_CHAIN_IDS: number[] };

/** Thrown for bad configuration; its message is one line that says what to fix. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Settings a running production server must have (checked at start-up by preflight, not while
 * building, when no secrets are around).
 */
export function assertProductionReady(env: Env, source: Record<string, string | undefined>): void {
  if (env.NODE_ENV === "production") {
    const secret = source.NEXTAUTH_SECRET;
    if (!secret) throw new ConfigError("Invalid configuration: NEXTAUTH_SECRET must be set in production (openssl rand -base64 32)");
    if (secret.length < MIN_PRODUCTION_SECRET_LENGTH) throw new ConfigError(`Invalid configuration: NEXTAUTH_SECRET must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production (openssl rand -base64 32)`);
    if (PUBLISHED_SECRETS.some((known) => known.toLowerCase() === secret.toLowerCase())) {
      throw new ConfigError("Invalid configuration: NEXTAUTH_SECRET is an example value published in this project; generate your own (openssl rand -base64 32)");
    }
  }
  // Keys held by the app may only ever move test money: on a real network, refunds come from the
  // manager's own wallet.
  if (env.REFUND_PRIVATE_KEYS.length > 0 && env.PAYMENT_CHAIN_IDS.some((id) => id !== LOCAL_CHAIN_ID)) {
    throw new ConfigError(`Invalid configuration: REFUND_PRIVATE_KEYS is for the local chain only (PAYMENT_CHAIN_IDS=${LOCAL_CHAIN_ID}); unset it for real networks`);
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // Treat empty strings as unset so `FOO=` in a .env file falls back to the default.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (result.success) {
    const env = withChainDefaults(result.data);
    const problems = crossCheck(env);
    if (problems.length === 0) return env;
    throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
  }
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.join(".");
    const value = cleaned[key];
    return `${key} ${issue.message}${value === undefined ? "" : ` (got "${value}")`}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join("; ")}`);
}
