import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { localWethUsdc } from "@/lib/defi/venues";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import type { AuditActor } from "@/lib/audit/audit-log";
import { treasuryControl } from "./desk";
import { formLimits, updateGuardLimits } from "./limits";

/**
 * The guard's limits against the run's database: saved with an audit entry that says what changed,
 * nothing recorded when nothing changed, nothing changed by a refused input. The control row is one
 * for the whole desk and other files' desks set and read it, so this file gives only the two limits
 * it moves (oracle age by a minute, slippage by a basis point: out of their trades' reach) and puts
 * back only those.
 */

const db = createDb(env().DATABASE_URL, 2);
const venues = localWethUsdc();
let actor: AuditActor;
let before: { maxSlippageBps: number; oracleMaxAgeMinutes: number; stablecoinMaxAgeHours: number };
const started = new Date();

beforeAll(async () => {
  const email = `limits-${Date.now().toString(36)}@gocoffee.test`;
  actor = { id: (await db.user.create({ data: { email, name: "Limits Admin", role: "ADMIN" } })).id, email };
  const { maxSlippageBps, oracleMaxAgeMinutes, stablecoinMaxAgeHours } = formLimits(await treasuryControl(db, venues));
  before = { maxSlippageBps, oracleMaxAgeMinutes, stablecoinMaxAgeHours };
});
afterAll(async () => {
  await updateGuardLimits(db, venues, actor, before).catch(() => undefined);
  await db.$disconnect();
});

const audits = () => db.auditEntry.findMany({ where: { action: "treasury.limits.updated", actorId: actor.id, createdAt: { gte: started } }, orderBy: { createdAt: "asc" } });

describe("guard limits", () => {
  it("stores a change in the guard's units and audits it with before and after", async () => {
    const summary = await updateGuardLimits(db, venues, actor, { oracleMaxAgeMinutes: String(before.oracleMaxAgeMinutes + 1), maxSlippageBps: String(before.maxSlippageBps - 1), stablecoinMaxAgeHours: String(before.stablecoinMaxAgeHours + 1) });
    expect(summary).toBe(
      `Guard limits: max slippage ${before.maxSlippageBps} bps → ${before.maxSlippageBps - 1} bps; oracle age ${before.oracleMaxAgeMinutes} min → ${before.oracleMaxAgeMinutes + 1} min; stablecoin feed age ${before.stablecoinMaxAgeHours} h → ${before.stablecoinMaxAgeHours + 1} h`,
    );
    const control = await db.treasuryControl.findUniqueOrThrow({ where: { id: 1 } });
    expect(control.oracleMaxAgeSeconds).toBe((before.oracleMaxAgeMinutes + 1) * 60);
    expect(control.stablecoinMaxAgeSeconds).toBe((before.stablecoinMaxAgeHours + 1) * 3600);
    expect(control.maxSlippageBps).toBe(before.maxSlippageBps - 1);
    const [entry] = await audits();
    expect(entry).toMatchObject({ shopId: null, actorEmail: actor.email, target: "treasury_control:1", summary });
    expect(entry!.after).toMatchObject({ oracleMaxAgeSeconds: (before.oracleMaxAgeMinutes + 1) * 60 });
  });

  it("saving the same values changes and records nothing; a refused input changes nothing", async () => {
    const mine = () => db.treasuryControl.findUniqueOrThrow({ where: { id: 1 } }).then((c) => ({ maxSlippageBps: c.maxSlippageBps, oracleMaxAgeSeconds: c.oracleMaxAgeSeconds }));
    const now = await mine();
    expect(await updateGuardLimits(db, venues, actor, { maxSlippageBps: now.maxSlippageBps, oracleMaxAgeMinutes: now.oracleMaxAgeSeconds / 60 })).toBeNull();
    for (const bad of [{ maxSlippageBps: "-5", oracleMaxAgeMinutes: "1" }, { oracleMaxAgeMinutes: " " }, {}]) {
      const refused = await updateGuardLimits(db, venues, actor, bad).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DomainError);
      expect((refused as DomainError).code).toBe("invalid");
    }
    expect(await mine()).toEqual(now);
    expect(await audits()).toHaveLength(1);
  });
});
