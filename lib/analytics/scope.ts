import { DomainError } from "@/lib/errors";
import { shopsWhere } from "@/lib/auth/policy";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Db } from "@/lib/db";
import type { DashboardShop } from "./dashboard";

/**
 * Which shops a user may see on the dashboard (managers: the shops they manage; admins: all) and
 * which of those a request asked for (comma-separated slugs; none = all of them). Asking for a
 * shop outside one's reach is refused, never silently dropped.
 */
export async function dashboardScope(db: Db, user: SessionUser | null, shopsParam: string | undefined): Promise<{ available: DashboardShop[]; selected: DashboardShop[] }> {
  if (!user) throw new DomainError("unauthenticated", "Sign in to continue.");
  const allowed = shopsWhere(user, "dashboard:view");
  if (allowed !== "all" && allowed.length === 0) throw new DomainError("forbidden", "The dashboard is for managers of a shop.");
  const available = await db.shop.findMany({
    where: { active: true, ...(allowed === "all" ? {} : { id: { in: allowed } }) },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, timezone: true, currency: true },
  });
  const wanted = (shopsParam ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (wanted.length === 0) return { available, selected: available };
  const outside = wanted.filter((slug) => !available.some((s) => s.slug === slug));
  if (outside.length > 0) throw new DomainError("forbidden", `You cannot see the dashboard of ${outside.join(", ")}.`);
  return { available, selected: available.filter((s) => wanted.includes(s.slug)) };
}
