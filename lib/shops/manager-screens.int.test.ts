import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { listAuditEntries } from "@/lib/audit/audit-log";
import type { SessionUser } from "@/lib/auth/session-user";
import { loadSessionUser } from "@/lib/auth/users";
import { getShopMenu } from "@/lib/catalog/menu";
import { getEditableMenu, updateOption, updateProduct } from "@/lib/catalog/edit-menu";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { seed } from "@/prisma/seed";
import { getShopSettings, updateShopSettings } from "./settings";

/** The manager screens' operations against the real database: changes, audit entries, refusals. */

const db = createDb(env().DATABASE_URL, 4);
let shopId: string;
let manager: SessionUser;

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: "chicago-loop" } })).id;
  const user = async (email: string) => (await loadSessionUser(db, (await db.user.findUniqueOrThrow({ where: { email } })).id))!;
  manager = await user("manager@gocoffee.test");
});
afterAll(async () => {
  await db.shopOption.deleteMany({ where: { shopId } });
  await db.$disconnect();
});

const product = async (slug: string) => (await getShopMenu(db, "chicago-loop"))!.categories.flatMap((c) => c.products).find((p) => p.slug === slug)!;
const auditCount = async () => db.auditEntry.count({ where: { shopId } });

describe("menu editing", () => {
  it("changes a price and availability, shows it on the menu and records who, before and after", async () => {
    const latte = await product("caffe-latte");
    const updated = await updateProduct(db, manager, shopId, { productId: latte.id, priceCents: latte.priceCents + 25, available: false });
    expect(updated).toMatchObject({ priceCents: latte.priceCents + 25, available: false, overridden: true });
    expect(await product("caffe-latte")).toMatchObject({ priceCents: latte.priceCents + 25, available: false });

    const [entry] = (await listAuditEntries(db, shopId)).entries;
    expect(entry).toMatchObject({ actorEmail: "manager@gocoffee.test", action: "menu.product.updated", before: { priceCents: latte.priceCents, available: true }, after: { priceCents: latte.priceCents + 25, available: false } });
    expect(entry!.summary).toMatch(/^Caffè Latte: price \$\d+\.\d\d → \$\d+\.\d\d, now unavailable$|^.+: price .+ → .+, now unavailable$/);

    await updateProduct(db, manager, shopId, { productId: latte.id, priceCents: latte.priceCents, available: true });
    expect(await product("caffe-latte")).toMatchObject({ priceCents: latte.priceCents, available: true });
  });

  it("refuses bad input and products the shop does not sell, writing nothing", async () => {
    const latte = await product("caffe-latte");
    const before = await auditCount();
    for (const bad of [{ productId: latte.id, priceCents: -1, available: true }, { productId: latte.id, priceCents: 12.5, available: true }, { productId: latte.id, priceCents: 100_01, available: true }, { productId: "nope", priceCents: 100, available: true }, {}]) {
      await expect(updateProduct(db, manager, shopId, bad)).rejects.toMatchObject({ code: "invalid" });
    }
    const notSold = await db.product.findFirstOrThrow({ where: { shops: { none: { shopId } } } }).catch(() => null);
    if (notSold) await expect(updateProduct(db, manager, shopId, { productId: notSold.id, priceCents: 100, available: true })).rejects.toMatchObject({ code: "not_found" });
    expect(await auditCount()).toBe(before);
    expect((await product("caffe-latte")).priceCents).toBe(latte.priceCents);
  });

  it("switches an option off for this shop only and prices it here", async () => {
    const latte = await product("caffe-latte");
    const oat = latte.optionGroups.find((g) => g.slug === "milk")!.options.find((o) => o.slug === "oat")!;
    await updateOption(db, manager, shopId, { optionId: oat.id, priceDeltaCents: oat.priceDeltaCents + 10, available: false });
    const after = (await product("caffe-latte")).optionGroups.find((g) => g.slug === "milk")!.options.find((o) => o.slug === "oat")!;
    expect(after).toMatchObject({ available: false, unavailableReason: "Not available today", priceDeltaCents: oat.priceDeltaCents + 10 });
    const elsewhere = (await getShopMenu(db, "new-york-soho"))!.categories.flatMap((c) => c.products).find((p) => p.slug === "caffe-latte")!;
    expect(elsewhere.optionGroups.find((g) => g.slug === "milk")!.options.find((o) => o.slug === "oat")!.priceDeltaCents).toBe(oat.priceDeltaCents);
    const editable = (await getEditableMenu(db, shopId)).find((p) => p.id === latte.id)!;
    expect(editable.optionGroups.flatMap((g) => g.options).find((o) => o.id === oat.id)).toMatchObject({ available: false, catalogDeltaCents: oat.priceDeltaCents });

    await updateOption(db, manager, shopId, { optionId: oat.id, priceDeltaCents: null, available: true });
    expect(await db.shopOption.findUnique({ where: { shopId_optionId: { shopId, optionId: oat.id } } })).toMatchObject({ available: true, priceDeltaOverrideCents: null });
  });
});

describe("shop settings", () => {
  it("saves valid settings with an audit entry of only what changed", async () => {
    const before = await getShopSettings(db, shopId);
    const hours = before.hours.map((d) => (d.weekday === 0 ? { ...d, closed: true } : d));
    const saved = await updateShopSettings(db, manager, shopId, { ...before, taxRateBps: before.taxRateBps + 1, hours });
    expect(saved.taxRateBps).toBe(before.taxRateBps + 1);
    expect(saved.hours[0]!.closed).toBe(true);
    const [entry] = (await listAuditEntries(db, shopId)).entries;
    expect(entry).toMatchObject({ action: "shop.settings.updated", summary: "Settings changed: tax rate, opening hours", before: { taxRateBps: before.taxRateBps } });
    expect(Object.keys(entry!.after as object).sort()).toEqual(["hours", "taxRateBps"]);
    await updateShopSettings(db, manager, shopId, before);
    expect(await getShopSettings(db, shopId)).toEqual(before);
  });

  it("refuses invalid settings, changing nothing", async () => {
    const before = await getShopSettings(db, shopId);
    const count = await auditCount();
    await expect(updateShopSettings(db, manager, shopId, { ...before, receivingWallet: "0xnothex" })).rejects.toBeInstanceOf(DomainError);
    await expect(updateShopSettings(db, manager, shopId, { ...before, requiredConfirmations: 0 })).rejects.toMatchObject({ code: "invalid" });
    expect(await getShopSettings(db, shopId)).toEqual(before);
    expect(await auditCount()).toBe(count);
  });
});
