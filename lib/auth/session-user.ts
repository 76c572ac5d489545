import { z } from "zod";
import type { Role } from "@/lib/db/generated/enums.ts";

/**
 * Who is signed in, as every server check sees it: carried in the session (JWT) and refreshed
 * from the database at most once a minute. `shops` are the user's staff memberships.
 */
export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  shops: { shopId: string; role: Role }[];
};

export const ROLES = ["CUSTOMER", "BARISTA", "MANAGER", "ADMIN"] as const satisfies readonly Role[];

const role = z.enum(ROLES);

/** The shape check for a SessionUser read back from a token (old tokens, tampering, revocation). */
export const sessionUserSchema = z.object({
  id: z.string().min(1),
  email: z.string(),
  name: z.string(),
  role,
  shops: z.array(z.object({ shopId: z.string().min(1), role })),
});

export function parseSessionUser(value: unknown): SessionUser | null {
  const parsed = sessionUserSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
