import { describe, expect, it } from "vitest";
import { tastingMail } from "./tasting";

describe("tastingMail", () => {
  const input = { to: "bea@example.test", shopName: "Go Coffee <Loop>", drinkName: "Maple oat cortado", description: "Oat milk & maple.", at: new Date("2026-06-05T20:00:00Z"), timezone: "America/Chicago", scheduleNote: "The quietest forecast hour in the next 3 days.", link: "https://gocoffee.test/manager/loop/tastings" };

  it("says what, when in the shop's time, why then and where to score it", () => {
    const mail = tastingMail(input);
    expect(mail.to).toBe("bea@example.test");
    expect(mail.subject).toBe("Tasting at Go Coffee <Loop>: Maple oat cortado, Friday, June 5 at 3:00 PM");
    expect(mail.text).toContain("Friday, June 5 at 3:00 PM (America/Chicago).");
    expect(mail.text).toContain("The quietest forecast hour in the next 3 days.");
    expect(mail.text).toContain("https://gocoffee.test/manager/loop/tastings");
  });

  it("escapes the shop's and the drink's names in the HTML", () => {
    const html = tastingMail({ ...input, drinkName: "<script>x</script>" }).html;
    expect(html).toContain("Go Coffee &#60;Loop&#62;");
    expect(html).toContain("&#60;script&#62;x&#60;/script&#62;");
    expect(html).not.toContain("<script>x");
  });
});
