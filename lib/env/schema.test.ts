import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertProductionReady, ConfigError, envSchema, parseEnv, PUBLISHED_SECRETS } from "./schema";

const ROOT = new URL("../../", import.meta.url).pathname;

/** NEXTAUTH_SECRET values written in the repository's docs, examples and deployment files. */
function publishedSecretValues(): { file: string; value: string }[] {
  const files: string[] = [".env.example", "README.md"];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir))) {
      const path = join(dir, entry);
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (/\.(md|ya?ml|env|example|json|sh)$/.test(entry) || entry === "Dockerfile") files.push(path);
    }
  };
  for (const dir of ["docs", "infra"]) walk(dir);
  const found: { file: string; value: string }[] = [];
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), "utf8");
    for (const match of text.matchAll(/NEXTAUTH_SECRET\s*(?:=|:)\s*["']?(?:\$\{NEXTAUTH_SECRET:-)?([^"'\s}]+)/g)) {
      const value = match[1]!;
      if (!/^\$|^<|^\(|openssl|^\{/.test(value)) found.push({ file, value });
    }
  }
  return found;
}

describe("parseEnv", () => {
  it("needs nothing set locally", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/gocoffee");
    expect(env.KAFKA_BROKERS).toBe("127.0.0.1:9092");
    expect(env.WORKER_HTTP_PORT).toBe(9464);
  });

  it("takes the agents' token prices as integer micro-USD, both or neither", () => {
    expect(parseEnv({ AGENT_INPUT_PRICE_PER_MTOK: "300000", AGENT_OUTPUT_PRICE_PER_MTOK: "2500000" })).toMatchObject({ AGENT_INPUT_PRICE_PER_MTOK: 300_000, AGENT_OUTPUT_PRICE_PER_MTOK: 2_500_000 });
    expect(parseEnv({ AGENT_INPUT_PRICE_PER_MTOK: "", AGENT_OUTPUT_PRICE_PER_MTOK: "" }).AGENT_INPUT_PRICE_PER_MTOK).toBeUndefined();
    expect(() => parseEnv({ AGENT_INPUT_PRICE_PER_MTOK: "0.30", AGENT_OUTPUT_PRICE_PER_MTOK: "2" })).toThrow(/AGENT_INPUT_PRICE_PER_MTOK/);
    expect(() => parseEnv({ AGENT_INPUT_PRICE_PER_MTOK: "300000" })).toThrow(/go together/);
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ KAFKA_TOPIC_PREFIX: "", LOG_LEVEL: "" }).LOG_LEVEL).toBe("info");
  });

  it("explains a malformed DATABASE_URL in one line", () => {
    const attempt = () => parseEnv({ DATABASE_URL: "mysql://nope" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/^Invalid configuration: DATABASE_URL must be a postgresql:\/\/ URL.*\(got "mysql:\/\/nope"\)$/);
  });

  it("lists every bad variable at once", () => {
    try {
      parseEnv({ KAFKA_BROKERS: "localhost", DATABASE_POOL_SIZE: "0" });
      expect.unreachable();
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("\n");
      expect((error as Error).message).toContain("KAFKA_BROKERS must be a comma-separated list of host:port");
      expect((error as Error).message).toContain("DATABASE_POOL_SIZE");
    }
  });

  it("requires a real secret for a production server (not for a build)", () => {
    const source = { NODE_ENV: "production" };
    const env = parseEnv(source);
    expect(() => assertProductionReady(env, source)).toThrow(/NEXTAUTH_SECRET must be set in production/);
    expect(() => assertProductionReady(env, { ...source, NEXTAUTH_SECRET: "x".repeat(31) })).toThrow(/at least 32 characters in production/);
    expect(() => assertProductionReady(env, { ...source, NEXTAUTH_SECRET: "change-me-to-a-long-random-secret" })).toThrow(/example value published in this project/);
    expect(() => assertProductionReady(env, { ...source, NEXTAUTH_SECRET: "x".repeat(32) })).not.toThrow();
    // Outside production the development default is fine.
    expect(() => assertProductionReady(parseEnv({}), {})).not.toThrow();
  });

  it("refuses in production every session secret this repository publishes (examples, compose files, docs)", () => {
    const found = publishedSecretValues();
    expect(found.length).toBeGreaterThan(0);
    const env = parseEnv({ NODE_ENV: "production" });
    for (const { file, value } of found) {
      expect(() => assertProductionReady(env, { NEXTAUTH_SECRET: value }), `${file}: ${value}`).toThrow(ConfigError);
      if (value.length >= 32) expect(PUBLISHED_SECRETS.map((s) => s.toLowerCase()), `${file} publishes a secret lib/env/schema.ts does not refuse`).toContain(value.toLowerCase());
    }
  });

  it("refuses refund keys held by the app unless every payment chain is the local one", () => {
    const key = "0x" + "ab".repeat(32);
    const local = parseEnv({ REFUND_PRIVATE_KEYS: key });
    expect(() => assertProductionReady(local, { NEXTAUTH_SECRET: "x".repeat(32) })).not.toThrow();
    const real = parseEnv({ REFUND_PRIVATE_KEYS: key, PAYMENT_CHAIN_IDS: "31337,8453" });
    expect(() => assertProductionReady(real, {})).toThrow(/REFUND_PRIVATE_KEYS is for the local chain only/);
  });
});

describe(".env.example", () => {
  it("documents exactly the variables the schema reads", () => {
    const documented = readFileSync(new URL("../../.env.example", import.meta.url), "utf8")
      .split("\n")
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.split("=")[0]);
    expect(documented.sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it("holds values the schema accepts", () => {
    const values = Object.fromEntries(
      readFileSync(new URL("../../.env.example", import.meta.url), "utf8")
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(() => parseEnv(values)).not.toThrow();
  });
});
