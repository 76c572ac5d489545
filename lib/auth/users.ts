import { z } from "zod";
import { DomainError, invalid } from "@/lib/errors";
import { Prisma, type Db } from "@/lib/db";
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyNothing, verifyPassword } from "./passwords";
import type { SessionUser } from "./session-user";

/**
 * Accounts with an email and a password: sign-up, credential checks, password changes and the
 * lookup that refreshes a session. Plain functions over a Prisma client; no framework.
 */

/** Lower-cased and trimmed, so "Casey@Example.com " and "casey@example.com" are one account. */
export const emailSchema = z
  .string({ error: "enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, "enter your email address")
  .max(254, "the email address is too long")
  .pipe(z.email({ error: "enter a valid email address, like name@example.com" }));

export const newPasswordSchema = z
  .string({ error: "choose a password" })
  .min(MIN_PASSWORD_LENGTH, `the password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `the password is limited to ${MAX_PASSWORD_LENGTH} characters`);

/** The name baristas call out; orders limit it to 40 characters, so accounts do too. */
export const nameSchema = z
  .string({ error: "tell us your name" })
  .trim()
  .min(1, "tell us your name")
  .max(40, "the name is limited to 40 characters");

export const signUpInput = z.object({ name: nameSchema, email: emailSchema, password: newPasswordSchema });
export type SignUpInput = z.input<typeof signUpInput>;

export const changePasswordInput = z.object({
  currentPassword: z.string({ error: "enter your current password" }).min(1, "enter your current password").max(MAX_PASSWORD_LENGTH),
  newPassword: newPasswordSchema,
});
export type ChangePasswordInput = z.input<typeof changePasswordInput>;

export const DUPLICATE_EMAIL = "An account with this email already exists";

const sessionSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  passwordHash: true,
  sessionVersion: true,
  memberships: { select: { shopId: true, role: true }, orderBy: { createdAt: "asc" } },
} as const satisfies Prisma.UserSelect;

type UserRow = Prisma.UserGetPayload<{ select: typeof sessionSelect }>;

function toSessionUser(row: UserRow): SessionUser {
  return { id: row.id, email: row.email ?? "", name: row.name, role: row.role, shops: row.memberships.map((m) => ({ shopId: m.shopId, role: m.role })) };
}

/** Validates the input without touching the database (the form's errors, and sign-up's first step). */
export function parseSignUp(raw: unknown): z.output<typeof signUpInput> {
  const parsed = signUpInput.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  return parsed.data;
}

/** Creates a CUSTOMER account. A taken email is DomainError("conflict"), also when two sign-ups race. */
export async function signUp(db: Db, raw: unknown): Promise<SessionUser> {
  const input = parseSignUp(raw);
  const conflict = () => new DomainError("conflict", DUPLICATE_EMAIL, [{ path: "email", message: DUPLICATE_EMAIL }]);
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw conflict();
  const passwordHash = await hashPassword(input.password);
  try {
    // A new account is a customer with an unconfirmed address: staff roles come only through an
    // invitation link mailed to the address (lib/shops/invites.ts), whoever signs up with it.
    const row = await db.user.create({ data: { email: input.email, name: input.name, passwordHash, role: "CUSTOMER" }, select: sessionSelect });
    return toSessionUser(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw conflict();
    throw error;
  }
}

/**
 * The user whose email and password these are, or null. Takes about the same time whether the
 * email is unknown, has no password (wallet-only accounts) or the password is wrong.
 */
export async function verifyCredentials(db: Db, email: unknown, password: unknown): Promise<SessionUser | null> {
  const pw = typeof password === "string" ? password.slice(0, MAX_PASSWORD_LENGTH + 1) : "";
  const parsedEmail = emailSchema.safeParse(email);
  const row = parsedEmail.success ? await db.user.findUnique({ where: { email: parsedEmail.data }, select: sessionSelect }) : null;
  if (!row?.passwordHash || pw.length === 0 || pw.length > MAX_PASSWORD_LENGTH) {
    await verifyNothing(pw);
    return null;
  }
  return (await verifyPassword(row.passwordHash, pw)) ? toSessionUser(row) : null;
}

/** The current state of a signed-in user (role, memberships, name), or null if the account is gone. */
export async function loadSessionUser(db: Db, id: string): Promise<SessionUser | null> {
  return (await loadSessionState(db, id))?.user ?? null;
}

/** The user as a session sees it, with the session version its token must carry to stay valid. */
export async function loadSessionState(db: Db, id: string): Promise<{ user: SessionUser; sessionVersion: number } | null> {
  const row = await db.user.findUnique({ where: { id }, select: sessionSelect });
  return row ? { user: toSessionUser(row), sessionVersion: row.sessionVersion } : null;
}

/**
 * "Sign out everywhere": every session signed in before ends at its next refresh (within
 * SESSION_REFRESH_SECONDS), and no device is told about the account's orders any more (a lost
 * phone would otherwise keep showing them on its lock screen). Returns the new version.
 */
export async function signOutEverywhere(db: Db, userId: string): Promise<number> {
  const [rows] = await db.$transaction([
    db.user.updateManyAndReturn({ where: { id: userId }, data: { sessionVersion: { increment: 1 } }, select: { sessionVersion: true } }),
    db.accountPushDevice.deleteMany({ where: { userId } }),
  ]);
  if (rows.length === 0) throw new DomainError("unauthenticated", "Sign in to continue.");
  return rows[0]!.sessionVersion;
}

export const WRONG_CURRENT_PASSWORD = "The current password is not right.";

/**
 * Replaces the password after checking the current one (wrong → DomainError("invalid") on
 * currentPassword), and ends every session signed in with the old one (the session version moves
 * on; the browser that changed it signs in again with the new password) and every device told
 * about the account's orders.
 */
export async function changePassword(db: Db, userId: string, raw: unknown): Promise<void> {
  const parsed = changePasswordInput.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { currentPassword, newPassword } = parsed.data;
  const row = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!row) throw new DomainError("unauthenticated", "Sign in to continue.");
  if (!row.passwordHash || !(await verifyPassword(row.passwordHash, currentPassword))) {
    throw new DomainError("invalid", WRONG_CURRENT_PASSWORD, [{ path: "currentPassword", message: WRONG_CURRENT_PASSWORD }]);
  }
  if (currentPassword === newPassword) {
    const message = "The new password must differ from the current one.";
    throw new DomainError("invalid", message, [{ path: "newPassword", message }]);
  }
  // As "sign out everywhere": the other sessions end, and the devices told about its orders with them.
  const passwordHash = await hashPassword(newPassword);
  await db.$transaction([db.user.update({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } }), db.accountPushDevice.deleteMany({ where: { userId } })]);
}
