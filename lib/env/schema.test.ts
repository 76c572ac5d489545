import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assertProductionReady, ConfigError, envSchema, parseEnv } from "./schema";

describe("parseEnv", () => {
  it("needs nothing set locally", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("postgresql://postgres@127.0.0.1:5432/gocoffee");
    expect(env.KAFKA_BROKERS).toBe("127.0.0.1:9092");
    expect(env.WORKER_HTTP_PORT).toBe(9464);
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
    expect(() => assertProductionReady(env, { ...source, NEXTAUTH_SECRET: "x".repeat(32) })).not.toThrow();
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
