import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEntries } from "@/lib/audit/audit-log";
import { confirmEmail, sendEmailConfirmation } from "@/lib/auth/email-confirmation";
import type { SessionUser } from "@/lib/auth/session-user";
import { loadSessionUser, signUp } from "@/lib/auth/users";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createMailer } from "@/lib/mail/mailer";
import { firstLink } from "@/lib/mail/messages";
import { seed } from "@/prisma/seed";
import { startMailSink, type MailSink } from "@/scripts/mail-sink/sink";
import { acceptInvite, findInvite, INVITE_TTL_DAYS } from "./invites";
import { assignStaff, listStaff, removeStaff } from "./staff";

/**
 * Staff and invitations against the real database and a real SMTP server (the mail sink on
 * free ports): an address nobody confirmed never becomes staff; an invitation link does it once,
 * for the invited address only, within its week.
 */

const db = createDb(env().DATABASE_URL, 4);
const APP = "http://shop.example";
let sink: MailSink;
let deps: Parameters<typeof assignStaff>[0];
let shopId: string;
let manager: SessionUser;
let admin: SessionUser;
const stamp = Date.now().toString(36);

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  sink = await startMailSink({ smtpPort: 0, httpPort: 0 });
  deps = { db, mailer: createMailer(`smtp://127.0.0.1:${sink.smtpPort}`, "Go Coffee <test@gocoffee.local>"), appUrl: APP };
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: "chicago-loop" } })).id;
  const user = async (email: string) => (await loadSessionUser(db, (await db.user.findUniqueOrThrow({ where: { email } })).id))!;
  manager = await user("manager@gocoffee.test");
  admin = await user("admin@gocoffee.test");
});
afterAll(async () => {
  await sink?.close();
  await db.$disconnect();
});

const mailTo = (email: string) => sink.messages.find((m) => m.to.includes(email));
const tokenIn = (email: string, path: string) => firstLink(mailTo(email)?.text ?? "")?.split(`${APP}/${path}/`)[1];
const confirmed = async (name: string, email: string) => {
  const person = await signUp(db, { name, email, password: "correct horse battery" });
  await db.user.update({ where: { id: person.id }, data: { emailVerifiedAt: new Date() } });
  return person;
};

describe("staff", () => {
  it("adds an account with a confirmed address as a barista at once (and tells them), and removes them again", async () => {
    const person = await confirmed("Casey", `casey-${stamp}@example.test`);
    expect(await assignStaff(deps, manager, shopId, { email: person.email, role: "BARISTA" })).toBe("assigned");
    expect(await loadSessionUser(db, person.id)).toMatchObject({ role: "BARISTA", shops: [{ shopId, role: "BARISTA" }] });
    expect(mailTo(person.email)?.subject).toBe("You're now barista at Go Coffee The Loop");

    await removeStaff(db, manager, shopId, person.id);
    expect(await loadSessionUser(db, person.id)).toMatchObject({ role: "CUSTOMER", shops: [] });
    const actions = (await listAuditEntries(db, shopId)).entries.slice(0, 2).map((e) => e.action);
    expect(actions).toEqual(["staff.removed", "staff.assigned"]);
  });

  it("never gives a role to an address nobody confirmed: someone who signed up with it gets nothing, the owner of the mailbox gets the link", async () => {
    const email = `target-${stamp}@example.test`;
    const squatter = await signUp(db, { name: "Mallory", email, password: "correct horse battery" });
    expect(await assignStaff(deps, manager, shopId, { email, role: "BARISTA" })).toBe("invited");
    expect(await loadSessionUser(db, squatter.id)).toMatchObject({ role: "CUSTOMER", shops: [] });
    const mail = mailTo(email)!;
    expect(mail.subject).toBe("You're invited to join Go Coffee The Loop on Go Coffee");
    expect(mail.text).toContain(`${APP}/invites/`);
    // Signing up again with the address (or a fresh account for it) grants nothing either.
    expect((await listStaff(db, shopId)).members.some((m) => m.userId === squatter.id)).toBe(false);
  });

  it("an invitation link makes the invited address staff once, confirms it, and nobody else can use it", async () => {
    const email = `newhire-${stamp}@example.test`;
    expect(await assignStaff(deps, manager, shopId, { email, role: "BARISTA" })).toBe("invited");
    expect((await listStaff(db, shopId)).invites).toContainEqual(expect.objectContaining({ email, role: "BARISTA", expired: false }));
    const token = tokenIn(email, "invites")!;
    expect(await findInvite(db, token)).toMatchObject({ email, role: "BARISTA", shop: { slug: "chicago-loop" } });
    // Only the hash is stored.
    expect(await db.shopInvite.count({ where: { tokenHash: token } })).toBe(0);

    const hired = await signUp(db, { name: "New Hire", email, password: "correct horse battery" });
    expect(hired).toMatchObject({ role: "CUSTOMER", shops: [] }); // signing up alone grants nothing
    const other = await confirmed("Other", `other-${stamp}@example.test`);
    await expect(acceptInvite(db, token, other)).rejects.toMatchObject({ code: "forbidden", message: `This invitation is for ${email}. Sign in with that address to accept it.` });

    const [first, second] = await Promise.allSettled([acceptInvite(db, token, hired), acceptInvite(db, token, hired)]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(await loadSessionUser(db, hired.id)).toMatchObject({ role: "BARISTA", shops: [{ shopId, role: "BARISTA" }] });
    expect((await db.user.findUniqueOrThrow({ where: { id: hired.id } })).emailVerifiedAt).not.toBeNull();
    await expect(acceptInvite(db, token, hired)).rejects.toMatchObject({ code: "not_found" });
    expect(await findInvite(db, token)).toBeNull();
  });

  it("an invitation expires after a week; inviting again sends a new link and the old one stops working", async () => {
    const email = `late-${stamp}@example.test`;
    await assignStaff(deps, manager, shopId, { email, role: "BARISTA" });
    const old = tokenIn(email, "invites")!;
    const person = await signUp(db, { name: "Late", email, password: "correct horse battery" });
    const later = new Date(Date.now() + INVITE_TTL_DAYS * 86_400_000 + 1_000);
    expect(await findInvite(db, old, later)).toBeNull();
    await expect(acceptInvite(db, old, person, later)).rejects.toMatchObject({ code: "not_found" });

    await assignStaff(deps, manager, shopId, { email, role: "BARISTA" });
    const fresh = sink.messages.filter((m) => m.to.includes(email))[0]!;
    const renewed = firstLink(fresh.text)!.split("/invites/")[1]!;
    expect(renewed).not.toBe(old);
    await expect(acceptInvite(db, old, person)).rejects.toMatchObject({ code: "not_found" });
    expect(await acceptInvite(db, renewed, person)).toMatchObject({ shopSlug: "chicago-loop", role: "BARISTA", home: "/barista/chicago-loop" });
  });

  it("saves no invitation when the mail cannot be sent", async () => {
    const email = `unsent-${stamp}@example.test`;
    const broken = { ...deps, mailer: createMailer("smtp://127.0.0.1:9", "x@y.z") };
    await expect(assignStaff(broken, manager, shopId, { email, role: "BARISTA" })).rejects.toMatchObject({ code: "unavailable" });
    expect((await listStaff(db, shopId)).invites.some((i) => i.email === email)).toBe(false);
  });

  it("leaves managers to admins, and refuses bad input and self-removal", async () => {
    const person = await confirmed("Morgan", `morgan-${stamp}@example.test`);
    await expect(assignStaff(deps, manager, shopId, { email: person.email, role: "MANAGER" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await assignStaff(deps, admin, shopId, { email: person.email, role: "MANAGER" })).toBe("assigned");
    await expect(removeStaff(db, manager, shopId, person.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(assignStaff(deps, manager, shopId, { email: person.email, role: "BARISTA" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(assignStaff(deps, manager, shopId, { email: "not an email", role: "BARISTA" })).rejects.toMatchObject({ code: "invalid" });
    await expect(assignStaff(deps, manager, shopId, { email: person.email, role: "ADMIN" })).rejects.toMatchObject({ code: "invalid" });
    await expect(removeStaff(db, manager, shopId, manager.id)).rejects.toMatchObject({ code: "invalid" });
    await removeStaff(db, admin, shopId, person.id);
    expect(await loadSessionUser(db, person.id)).toMatchObject({ role: "CUSTOMER" });
  });
});

describe("email confirmation", () => {
  it("a mailed link confirms the address it was sent to, once", async () => {
    const person = await signUp(db, { name: "Dana", email: `dana-${stamp}@example.test`, password: "correct horse battery" });
    await sendEmailConfirmation(deps, person);
    const token = tokenIn(person.email, "confirm-email")!;
    await expect(confirmEmail(db, "not-a-token")).rejects.toMatchObject({ code: "not_found" });
    expect(await confirmEmail(db, token)).toBe(person.email);
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).emailVerifiedAt).not.toBeNull();
    await expect(confirmEmail(db, token)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a link sent to an old address confirms nothing after the address changed", async () => {
    const person = await signUp(db, { name: "Eli", email: `eli-${stamp}@example.test`, password: "correct horse battery" });
    await sendEmailConfirmation(deps, person);
    const token = tokenIn(person.email, "confirm-email")!;
    await db.user.update({ where: { id: person.id }, data: { email: `eli-new-${stamp}@example.test` } });
    await expect(confirmEmail(db, token)).rejects.toMatchObject({ code: "not_found" });
    expect((await db.user.findUniqueOrThrow({ where: { id: person.id } })).emailVerifiedAt).toBeNull();
  });
});
