import { hash, parseOptions } from "@node-rs/argon2";
import type { Role } from "@/lib/db/generated/enums.ts";
import type { SeedTx } from "./db";

/**
 * One demo account per role. The passwords are public on purpose (printed by `npm run demo`);
 * they exist only in seeded demo and test databases.
 */
export type DemoAccount = {
  role: Role;
  email: string;
  password: string;
  name: string;
  /** Staff accounts are members of every demo shop. */
  staffOfAllShops: boolean;
};

export const DEMO_ACCOUNTS = [
  { role: "ADMIN", email: "admin@gocoffee.test", password: "espresso-admin", name: "Ada Okafor", staffOfAllShops: false },
  { role: "MANAGER", email: "manager@gocoffee.test", password: "espresso-manager", name: "Marco Rossi", staffOfAllShops: true },
  { role: "BARISTA", email: "barista@gocoffee.test", password: "espresso-barista", name: "Bea Nguyen", staffOfAllShops: true },
  { role: "CUSTOMER", email: "customer@gocoffee.test", password: "espresso-customer", name: "Casey Jordan", staffOfAllShops: false },
] as const satisfies readonly DemoAccount[];

export type DemoRole = (typeof DEMO_ACCOUNTS)[number]["role"];

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1), as the app hashes passwords. */
function isArgon2idHash(value: string | null): boolean {
  if (!value) return false;
  try {
    return parseOptions(value).algorithm === 2; // Algorithm.Argon2id (a const enum, so not importable here)
  } catch {
    return false;
  }
}

export type AccountsCreated = { users: number; passwordsSet: number; memberships: number };

/**
 * Creates the demo users (or gives an existing one a hash if it has none), and their shop
 * memberships. Existing valid hashes are kept: re-seeding does not pay for argon2 again.
 */
export async function seedAccounts(db: SeedTx, shopIds: readonly string[]): Promise<{ ids: Map<DemoRole, string>; created: AccountsCreated }> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const existing = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true, passwordHash: true } });
  const byEmail = new Map(existing.map((u) => [u.email, u]));

  const needHash = DEMO_ACCOUNTS.filter((a) => !isArgon2idHash(byEmail.get(a.email)?.passwordHash ?? null));
  const hashes = new Map(await Promise.all(needHash.map(async (a) => [a.email, await hash(a.password)] as const)));

  const toCreate = needHash.filter((a) => !byEmail.has(a.email));
  const users =
    toCreate.length > 0
      ? (
          await db.user.createMany({
            data: toCreate.map((a) => ({ email: a.email, name: a.name, role: a.role, passwordHash: hashes.get(a.email) ?? null, emailVerifiedAt: new Date() })),
            skipDuplicates: true,
          })
        ).count
      : 0;
  const toRehash = needHash.filter((a) => byEmail.has(a.email));
  for (const a of toRehash) {
    await db.user.update({ where: { email: a.email }, data: { passwordHash: hashes.get(a.email) ?? null } });
  }

  const rows = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  const idByEmail = new Map(rows.map((u) => [u.email, u.id]));
  const ids = new Map<DemoRole, string>();
  for (const a of DEMO_ACCOUNTS) {
    const id = idByEmail.get(a.email);
    if (!id) throw new Error(`seed: demo user ${a.email} is missing after insert`);
    ids.set(a.role, id);
  }

  const memberships = (
    await db.shopMember.createMany({
      data: DEMO_ACCOUNTS.filter((a) => a.staffOfAllShops).flatMap((a) =>
        shopIds.map((shopId) => ({ shopId, userId: ids.get(a.role) ?? "", role: a.role })),
      ),
      skipDuplicates: true,
    })
  ).count;

  return { ids, created: { users, passwordsSet: toRehash.length, memberships } };
}
