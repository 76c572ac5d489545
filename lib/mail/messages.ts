import type { Mail } from "./mailer";

/**
 * The texts of the mails the platform sends. Plain text first (every client shows it, and links
 * stay visible as links); pure functions, so tests read exactly what people get.
 */

const ROLE = { BARISTA: "barista", MANAGER: "manager", ADMIN: "admin", CUSTOMER: "customer" } as const;
type Role = keyof typeof ROLE;

const day = (at: Date) => at.toLocaleDateString("en-US", { weekday: "long", month: "long", day: "numeric", timeZone: "UTC" });

export function invitationMail(input: { to: string; shopName: string; role: Role; invitedBy: string; link: string; expiresAt: Date }): Mail {
  return {
    to: input.to,
    subject: `You're invited to join ${input.shopName} on Go Coffee`,
    text: [
      `${input.invitedBy} invited you to work at ${input.shopName} as ${ROLE[input.role]}.`,
      "",
      `Accept the invitation: ${input.link}`,
      "",
      `Sign in (or create your account) with this email address, ${input.to}, and the link makes you staff. It works once and until ${day(input.expiresAt)} (UTC).`,
      "If you did not expect this, ignore this mail: nothing happens without the link.",
    ].join("\n"),
  };
}

export function addedToShopMail(input: { to: string; shopName: string; role: Role; addedBy: string; link: string }): Mail {
  return {
    to: input.to,
    subject: `You're now ${ROLE[input.role]} at ${input.shopName}`,
    text: [`${input.addedBy} added you to ${input.shopName} as ${ROLE[input.role]}.`, "", `Open it: ${input.link}`].join("\n"),
  };
}

export function confirmEmailMail(input: { to: string; name: string; link: string }): Mail {
  return {
    to: input.to,
    subject: "Confirm your email for Go Coffee",
    text: [`Hi ${input.name},`, "", `Confirm that this is your email address: ${input.link}`, "", "The link works once, for 2 days. If you did not create a Go Coffee account, ignore this mail."].join("\n"),
  };
}

/** The first http(s) link in a mail's text (tests and the demo's mail page follow it). */
export function firstLink(text: string): string | null {
  return /https?:\/\/\S+/.exec(text)?.[0] ?? null;
}
