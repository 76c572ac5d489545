import { describe, expect, it } from "vitest";
import { alertMail } from "@/lib/mail/alert";
import { ALERT_MAIL_LIMIT, decideMail, type MailRecord } from "./mail-limit";

const T0 = new Date("2026-12-03T09:00:00Z").getTime();
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const rec = (id: string, minutes: number, status: MailRecord["status"] = "QUEUED"): MailRecord => ({ id, at: at(minutes), status });
const limit = { max: 3, windowMs: 60 * 60_000 };

describe("the alert mail limit (per person, sliding hour)", () => {
  it("allows mails up to the limit, then suppresses, and says when a place frees", () => {
    expect(decideMail([], at(0), limit)).toEqual({ send: true, heldBack: [] });
    const three = [rec("a", 0), rec("b", 10), rec("c", 20)];
    expect(decideMail(three.slice(0, 2), at(15), limit)).toEqual({ send: true, heldBack: [] });
    expect(decideMail(three, at(30), limit)).toEqual({ send: false, retryAfterMs: 30 * 60_000 });
    // Suppressed records do not use up places.
    expect(decideMail([...three, rec("s1", 31, "SUPPRESSED"), rec("s2", 40, "SUPPRESSED")], at(45), limit)).toEqual({ send: false, retryAfterMs: 15 * 60_000 });
  });

  it("a place frees when the oldest mail leaves the window (exactly an hour is outside it)", () => {
    const three = [rec("a", 0), rec("b", 10), rec("c", 20)];
    expect(decideMail(three, at(59), limit).send).toBe(false);
    expect(decideMail(three, at(60), limit)).toEqual({ send: true, heldBack: [] });
    expect(decideMail([...three, rec("d", 60)], at(61), limit).send).toBe(false); // b, c, d in the window
  });

  it("the next mail lists the alerts suppressed since the previous mail, oldest first, and only those", () => {
    const records = [rec("old-s", -30, "SUPPRESSED"), rec("a", 0), rec("b", 10), rec("c", 20), rec("s2", 50, "SUPPRESSED"), rec("s1", 35, "SUPPRESSED")];
    expect(decideMail(records, at(65), limit)).toEqual({ send: true, heldBack: ["s1", "s2"] });
    // Once a mail went out after them, they are not listed again.
    expect(decideMail([...records, rec("e", 65)], at(90), limit)).toEqual({ send: true, heldBack: [] });
  });

  it("ignores records after the moment decided (an older alert handled late)", () => {
    expect(decideMail([rec("a", 10), rec("b", 11), rec("c", 12)], at(5), limit)).toEqual({ send: true, heldBack: [] });
  });

  it("defaults to four mails an hour", () => {
    expect(ALERT_MAIL_LIMIT).toEqual({ max: 4, windowMs: 3_600_000 });
    const four = [rec("a", 0), rec("b", 1), rec("c", 2), rec("d", 3)];
    expect(decideMail(four.slice(0, 3), at(4)).send).toBe(true);
    expect(decideMail(four, at(4)).send).toBe(false);
  });
});

describe("alertMail", () => {
  it("names severity, shop and the alert's message (not its subject key), links to the shop's alerts and summarises what was held back", () => {
    const mail = alertMail({
      to: "m@example.test",
      shopName: "Go Coffee The Loop",
      severity: "critical",
      message: "Oat milk runs out in 2 hours",
      at: at(65),
      timezone: "UTC",
      link: "http://localhost:3000/manager/chicago-loop/agents#notifications",
      reader: "manager",
      heldBack: [{ severity: "warning", message: "Beans low", at: at(35) }],
      limitPerHour: 4,
    });
    expect(mail.subject).toBe("[Critical] Go Coffee The Loop: Oat milk runs out in 2 hours");
    expect(mail.text).toContain("Oat milk runs out in 2 hours");
    expect(mail.text).toContain("http://localhost:3000/manager/chicago-loop/agents#notifications");
    expect(mail.text).toContain("1 earlier alert was not mailed (at most 4 alert mails an hour per person):");
    expect(mail.text).toMatch(/- Dec 3, 2026, 9:35\sAM · warning · Beans low/);
    expect(mail.html).toContain("<li>");
    expect(mail.text).toContain("You get this because you manage this shop");
  });

  it("tells a task's owner why they get it and links to their own notifications", () => {
    const mail = alertMail({ to: "b@example.test", shopName: "Go Coffee The Loop", severity: "warning", message: "Task overdue: Descale", at: at(65), timezone: "UTC", link: "http://localhost:3000/barista/chicago-loop", reader: "owner", heldBack: [], limitPerHour: 4 });
    expect(mail.text).toContain("See your notifications: http://localhost:3000/barista/chicago-loop");
    expect(mail.text).toContain("You get this because this task is yours at this shop");
    expect(mail.text).not.toContain("manage this shop");
    expect(mail.html).toContain(">See your notifications</a>");
    const long = alertMail({ to: "b@example.test", shopName: "S", severity: "warning", message: "x".repeat(200), at: at(65), timezone: "UTC", link: "http://l", reader: "owner", heldBack: [], limitPerHour: 4 });
    expect(long.subject).toBe(`[Warning] S: ${"x".repeat(89)}…`);
    expect(long.text).toContain("x".repeat(200));
  });
});
