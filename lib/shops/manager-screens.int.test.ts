import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/actions/result";
import { listAuditEntries } from "@/lib/audit/audit-log";
import type { SessionUser } from "@/lib/auth/session-user";
import { loadSessionUser, signUp } from "@/lib/auth/users";
import { getShopMenu } from "@/lib/catalog/menu";
import { getEditableMenu, updateOption, updateProduct } from "@/lib/catalog/edit-menu";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { seed } from "@/prisma/seed";
import { getShopSettings, updateShopSettings } from "./settings";
import { assignStaff, listStaff, removeStaff } from "./staff";

/** The manager screens' operations against the real database: changes, audit entries, refusals. */

const db = createDb(env().DATABASE_URL, 4);
let shopId: string;
let manager: SessionUser;
let admin: SessionUser;

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: "chicago-loop" } })).id;
  const user = async (email: string) => (await loadSessionUser(db, (await db.user.findUniqueOrThrow({ where: { email } })).id))!;
  manager = await user("manager@gocoffee.test");
  admin = await user("admin@gocoffee.test");
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

describe("staff", () => {
  const stamp = Date.now().toString(36);

  it("adds an existing customer as a barista (raising their role) and removes them again", async () => {
    const person = await signUp(db, { name: "Casey", email: `casey-${stamp}@example.test`, password: "correct horse battery" });
    expect(await assignStaff(db, manager, shopId, { email: person.email, role: "BARISTA" })).toBe("assigned");
    expect(await loadSessionUser(db, person.id)).toMatchObject({ role: "BARISTA", shops: [{ shopId, role: "BARISTA" }] });
    expect((await listStaff(db, shopId)).members.some((m) => m.userId === person.id)).toBe(true);

    await removeStaff(db, manager, shopId, person.id);
    expect(await loadSessionUser(db, person.id)).toMatchObject({ role: "CUSTOMER", shops: [] });
    const actions = (await listAuditEntries(db, shopId)).entries.slice(0, 2).map((e) => e.action);
    expect(actions).toEqual(["staff.removed", "staff.assigned"]);
  });

  it("invites an unknown email; signing up with it makes them staff", async () => {
    const email = `newhire-${stamp}@example.test`;
    expect(await assignStaff(db, manager, shopId, { email, role: "BARISTA" })).toBe("invited");
    expect((await listStaff(db, shopId)).invites).toContainEqual(expect.objectContaining({ email, role: "BARISTA" }));
    const hired = await signUp(db, { name: "New Hire", email, password: "correct horse battery" });
    expect(hired).toMatchObject({ role: "BARISTA", shops: [{ shopId, role: "BARISTA" }] });
    expect((await listStaff(db, shopId)).invites.some((i) => i.email === email)).toBe(false);
  });

  it("leaves managers to admins, and refuses bad input and self-removal", async () => {
    const person = await signUp(db, { name: "Morgan", email: `morgan-${stamp}@example.test`, password: "correct horse battery" });
    await expect(assignStaff(db, manager, shopId, { email: person.email, role: "MANAGER" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await assignStaff(db, admin, shopId, { email: person.email, role: "MANAGER" })).toBe("assigned");
    await expect(removeStaff(db, manager, shopId, person.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(assignStaff(db, manager, shopId, { email: person.email, role: "BARISTA" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(assignStaff(db, manager, shopId, { email: "not an email", role: "BARISTA" })).rejects.toMatchObject({ code: "invalid" });
    await expect(assignStaff(db, manager, shopId, { email: person.email, role: "ADMIN" })).rejects.toMatchObject({ code: "invalid" });
    await expect(removeStaff(db, manager, shopId, manager.id)).rejects.toMatchObject({ code: "invalid" });
    await removeStaff(db, admin, shopId, person.id);
    expect(await loadSessionUser(db, person.id)).toMatchObject({ role: "CUSTOMER" });
  });
});

describe("opening a shop (admins)", () => {
  const slug = `test-shop-${Date.now().toString(36)}`;
  const input = { name: "Go Coffee Test Street", slug, addressLine: "1 Test Street", city: "Testville", postalCode: "12345", country: "us", timezone: "America/Denver", taxRateBps: 500 };

  it("creates the shop with the catalog, default hours, zero stock and an audit entry", async () => {
    const { createShop } = await import("./create-shop");
    const shop = await createShop(db, admin, input);
    const menu = await getShopMenu(db, slug);
    expect(menu?.shop).toMatchObject({ name: "Go Coffee Test Street", timezone: "America/Denver", taxRateBps: 500 });
    const products = menu!.categories.flatMap((c) => c.products);
    expect(products.length).toBeGreaterThan(10);
    expect(products.every((p) => !p.available)).toBe(true); // nothing in stock yet
    expect((await listAuditEntries(db, shop.id)).entries[0]).toMatchObject({ action: "shop.created", actorEmail: "admin@gocoffee.test" });
    await expect(createShop(db, admin, input)).rejects.toMatchObject({ code: "conflict" });
  });

  it("refuses bad input, writing nothing", async () => {
    const { createShop } = await import("./create-shop");
    const shops = await db.shop.count();
    for (const bad of [{ ...input, slug: "Bad Slug" }, { ...input, timezone: "Mars/Olympus" }, { ...input, country: "USA" }, { ...input, taxRateBps: -5 }, { ...input, name: "" }]) {
      await expect(createShop(db, admin, { ...bad, slug: bad.slug === slug ? `${slug}-x` : bad.slug })).rejects.toMatchObject({ code: "invalid" });
    }
    expect(await db.shop.count()).toBe(shops);
  });
});
