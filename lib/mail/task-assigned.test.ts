import { describe, expect, it } from "vitest";
import { taskAssignedMail } from "./task-assigned";

describe("taskAssignedMail", () => {
  const input = { to: "bea@example.test", shopName: "Go Coffee <Loop>", title: "Receive the delivery from Bean Co: 6 kg beans", detail: "Count it in on the Stock screen.", dueAt: new Date("2026-06-05T20:00:00Z"), timezone: "America/Chicago", by: "Marco Rossi", link: "https://gocoffee.test/barista/loop" };

  it("says who gave which task, when it is due in the shop's time, and where to work it", () => {
    const mail = taskAssignedMail(input);
    expect(mail.to).toBe("bea@example.test");
    expect(mail.subject).toBe("Task for you at Go Coffee <Loop>: Receive the delivery from Bean Co: 6 kg beans");
    expect(mail.text).toMatch(/^Marco Rossi gave you a task at Go Coffee <Loop>:/);
    expect(mail.text).toContain("Due Friday, June 5 at 3:00 PM (America/Chicago).");
    expect(mail.text).toContain("Start it and mark it done here: https://gocoffee.test/barista/loop");
  });

  it("escapes names in the HTML and shortens a long title in the subject", () => {
    const mail = taskAssignedMail({ ...input, title: `<b>${"x".repeat(120)}</b>` });
    expect(mail.html).toContain("Go Coffee &#60;Loop&#62;");
    expect(mail.html).not.toContain("<b>x");
    expect(mail.subject.endsWith("…")).toBe(true);
    expect(mail.subject.length).toBeLessThan(140);
  });
});
