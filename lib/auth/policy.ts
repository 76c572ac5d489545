import { DomainError } from "@/lib/errors";
import type { Role } from "@/lib/db/generated/enums.ts";
import type { SessionUser } from "./session-user";

/**
 * THE authorization rules: every page, action, route handler and worker asks `can()` (or
 * `authorize()`, which throws). A new screen adds an action here; nothing else decides access.
 *
 * - CUSTOMER: their own things (orders, account).
 * - BARISTA: the queue and the orders of the shops they are a member of.
 * - MANAGER: everything of the shops they are a member of.
 * - ADMIN: everything, everywhere (including creating shops and managing users).
 *
 * In a shop, a user acts with the LOWER of their global role and their membership's role, so
 * demoting either one takes the power away.
 */

export type Resource = { shopId?: string | null; ownerId?: string | null };

type Rule =
  /** The resource's ownerId must be the user. */
  | { scope: "own" }
  /** The user needs at least `role` in the resource's shop. */
  | { scope: "shop"; role: Role }
  /** The user needs at least `role` globally. */
  | { scope: "global"; role: Role };

const RULES = {
  "order:view-own": { scope: "own" },
  "order:cancel-own": { scope: "own" },
  "account:manage-own": { scope: "own" },
  "order:view-shop": { scope: "shop", role: "BARISTA" },
  "queue:work": { scope: "shop", role: "BARISTA" },
  "inventory:view": { scope: "shop", role: "BARISTA" },
  "inventory:manage": { scope: "shop", role: "MANAGER" },
  /** The shop's tastings of new drinks (/manager/:shop/tastings): its staff score them; closing one is `menu:edit`. */
  "tasting:score": { scope: "shop", role: "BARISTA" },
  "menu:edit": { scope: "shop", role: "MANAGER" },
  "dashboard:view": { scope: "shop", role: "MANAGER" },
  "order:refund": { scope: "shop", role: "MANAGER" },
  "shop:manage": { scope: "shop", role: "MANAGER" },
  /** Invite, assign and remove baristas of the shop. */
  "staff:manage": { scope: "shop", role: "MANAGER" },
  "audit:view": { scope: "shop", role: "MANAGER" },
  /** The shop's tasks (/manager/:shop/tasks): assign to its staff, start, finish, cancel, reopen. */
  "tasks:manage": { scope: "shop", role: "MANAGER" },
  /** The shop's social posts (/manager/:shop/social): draft, edit, approve, reject, publish a waiting one. */
  "social:manage": { scope: "shop", role: "MANAGER" },
  "shop:create": { scope: "global", role: "ADMIN" },
  /** Connect outside services (Slack…), read their delivery log, send tests (/admin/integrations). */
  "integrations:manage": { scope: "global", role: "ADMIN" },
  /** The treasury desk: bots, the kill switch, trades (/admin/treasury). */
  "treasury:manage": { scope: "global", role: "ADMIN" },
  /** Make someone a manager (of any shop) or change global roles. */
  "user:manage": { scope: "global", role: "ADMIN" },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

const RANK: Record<Role, number> = { CUSTOMER: 0, BARISTA: 1, MANAGER: 2, ADMIN: 3 };

export function atLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** The role the user acts with in a shop, or null when they are not a member. */
export function roleInShop(user: SessionUser, shopId: string): Role | null {
  if (user.role === "ADMIN") return "ADMIN";
  const membership = user.shops.find((s) => s.shopId === shopId);
  if (!membership) return null;
  return RANK[membership.role] < RANK[user.role] ? membership.role : user.role;
}

/** Whether `user` may do `action` on `resource`. Anonymous users may do none of these. */
export function can(user: SessionUser | null | undefined, action: Action, resource: Resource = {}): boolean {
  if (!user) return false;
  if (user.role === "ADMIN") return true;
  const rule: Rule = RULES[action];
  switch (rule.scope) {
    case "own":
      return resource.ownerId != null && resource.ownerId === user.id;
    case "shop": {
      if (!resource.shopId) return false; // a shop action always names its shop
      const role = roleInShop(user, resource.shopId);
      return role !== null && atLeast(role, rule.role);
    }
    case "global":
      return atLeast(user.role, rule.role);
  }
}

/**
 * The shops in which `user` may do a shop-scoped `action` ("all" for admins): what a staff screen
 * lists, e.g. the queues a barista can open.
 */
export function shopsWhere(user: SessionUser | null | undefined, action: Action): "all" | string[] {
  if (!user) return [];
  if (user.role === "ADMIN") return "all";
  return user.shops.filter((s) => can(user, action, { shopId: s.shopId })).map((s) => s.shopId);
}

/** The signed-in user, or DomainError("unauthenticated"). */
export function requireUser(user: SessionUser | null | undefined): SessionUser {
  if (!user) throw new DomainError("unauthenticated", "Sign in to continue.");
  return user;
}

/** The user, if they may do `action` on `resource`; otherwise DomainError unauthenticated/forbidden. */
export function authorize(user: SessionUser | null | undefined, action: Action, resource: Resource = {}): SessionUser {
  const signedIn = requireUser(user);
  if (!can(signedIn, action, resource)) throw new DomainError("forbidden", "You do not have permission to do that.");
  return signedIn;
}
