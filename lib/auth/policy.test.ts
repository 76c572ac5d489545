import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import type { Role } from "@/lib/db/generated/enums.ts";
import { ACTIONS, authorize, can, requireUser, shopsWhere, type Action } from "./policy";
import type { SessionUser } from "./session-user";

const OWN_SHOP = "00000000-0000-4000-8000-00000000000a";
const OTHER_SHOP = "00000000-0000-4000-8000-00000000000b";

function user(role: Role, shops: SessionUser["shops"] = role === "BARISTA" || role === "MANAGER" ? [{ shopId: OWN_SHOP, role }] : []): SessionUser {
  return { id: `user-${role.toLowerCase()}`, email: `${role.toLowerCase()}@example.test`, name: role, role, shops };
}

type Target = "own" | "other";
/** Expected outcome per action, role and target (own: their shop / their own thing; other: someone else's). */
const EXPECTED: Record<Action, Record<Role, Record<Target, boolean>>> = {
  "order:view-own": { CUSTOMER: { own: true, other: false }, BARISTA: { own: true, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "order:cancel-own": { CUSTOMER: { own: true, other: false }, BARISTA: { own: true, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "account:manage-own": { CUSTOMER: { own: true, other: false }, BARISTA: { own: true, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "order:view-shop": { CUSTOMER: { own: false, other: false }, BARISTA: { own: true, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "queue:work": { CUSTOMER: { own: false, other: false }, BARISTA: { own: true, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "inventory:view": { CUSTOMER: { own: false, other: false }, BARISTA: { own: true, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "inventory:manage": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "tasting:score": { CUSTOMER: { own: false, other: false }, BARISTA: { own: true, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "menu:edit": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "dashboard:view": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "order:refund": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "shop:manage": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "shop:create": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: false, other: false }, ADMIN: { own: true, other: true } },
  "user:manage": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: false, other: false }, ADMIN: { own: true, other: true } },
  "integrations:manage": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: false, other: false }, ADMIN: { own: true, other: true } },
  "treasury:manage": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: false, other: false }, ADMIN: { own: true, other: true } },
  "audit:view": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "staff:manage": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "tasks:manage": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
  "social:manage": { CUSTOMER: { own: false, other: false }, BARISTA: { own: false, other: false }, MANAGER: { own: true, other: false }, ADMIN: { own: true, other: true } },
};

const ROLES: Role[] = ["CUSTOMER", "BARISTA", "MANAGER", "ADMIN"];

function resourceFor(u: SessionUser, target: Target) {
  return target === "own" ? { shopId: OWN_SHOP, ownerId: u.id } : { shopId: OTHER_SHOP, ownerId: "someone-else" };
}

describe("can: roles × actions × own/other", () => {
  it("has an expectation for every action", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });

  for (const action of ACTIONS) {
    for (const role of ROLES) {
      for (const target of ["own", "other"] as const) {
        const expected = EXPECTED[action][role][target];
        it(`${role} ${expected ? "may" : "may not"} ${action} (${target})`, () => {
          const u = user(role);
          expect(can(u, action, resourceFor(u, target))).toBe(expected);
        });
      }
    }
  }

  it("lets anonymous users do nothing", () => {
    for (const action of ACTIONS) expect(can(null, action, { shopId: OWN_SHOP, ownerId: "x" })).toBe(false);
  });

  it("requires the shop for shop actions and the owner for own actions (except admins)", () => {
    expect(can(user("MANAGER"), "menu:edit")).toBe(false);
    expect(can(user("CUSTOMER"), "order:view-own", { ownerId: null })).toBe(false);
    expect(can(user("CUSTOMER"), "order:view-own")).toBe(false);
    expect(can(user("ADMIN"), "menu:edit")).toBe(true);
  });

  it("acts in a shop with the lower of the global and the membership role", () => {
    const demotedMembership = user("MANAGER", [{ shopId: OWN_SHOP, role: "BARISTA" }]);
    expect(can(demotedMembership, "queue:work", { shopId: OWN_SHOP })).toBe(true);
    expect(can(demotedMembership, "menu:edit", { shopId: OWN_SHOP })).toBe(false);
    const demotedUser = user("CUSTOMER", [{ shopId: OWN_SHOP, role: "MANAGER" }]);
    expect(can(demotedUser, "queue:work", { shopId: OWN_SHOP })).toBe(false);
  });
});

describe("shopsWhere", () => {
  it("lists the member shops where the action is allowed", () => {
    const u = user("BARISTA", [
      { shopId: OWN_SHOP, role: "BARISTA" },
      { shopId: OTHER_SHOP, role: "BARISTA" },
    ]);
    expect(shopsWhere(u, "queue:work")).toEqual([OWN_SHOP, OTHER_SHOP]);
    expect(shopsWhere(u, "menu:edit")).toEqual([]);
    expect(shopsWhere(user("ADMIN"), "menu:edit")).toBe("all");
    expect(shopsWhere(null, "queue:work")).toEqual([]);
  });
});

describe("requireUser / authorize", () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
      return "ok";
    } catch (error) {
      return error instanceof DomainError ? error.code : "other";
    }
  };

  it("throws unauthenticated without a user and forbidden without permission", () => {
    expect(codeOf(() => requireUser(null))).toBe("unauthenticated");
    expect(codeOf(() => authorize(null, "queue:work", { shopId: OWN_SHOP }))).toBe("unauthenticated");
    expect(codeOf(() => authorize(user("CUSTOMER"), "queue:work", { shopId: OWN_SHOP }))).toBe("forbidden");
    expect(codeOf(() => authorize(user("BARISTA"), "queue:work", { shopId: OTHER_SHOP }))).toBe("forbidden");
  });

  it("returns the user when allowed", () => {
    const barista = user("BARISTA");
    expect(authorize(barista, "queue:work", { shopId: OWN_SHOP })).toBe(barista);
  });
});
