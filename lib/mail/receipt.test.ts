import { describe, expect, it } from "vitest";
import { transactionLinks } from "@/lib/integrations/email/receipts";
import { receiptMail, receiptTotals, type ReceiptFacts } from "./receipt";

/** What a customer reads in their receipt, for a counter payment with a free drink and a tip, and for crypto. */

const base: ReceiptFacts = {
  to: "ada@example.test",
  customerName: "Ada",
  shopName: "Go Coffee SFO Terminal 2",
  shopAddress: "Terminal 2, San Francisco",
  timezone: "America/Los_Angeles",
  pickupCode: "K7Q2",
  collectedAt: new Date("2026-12-03T17:41:00Z"),
  currency: "USD",
  items: [
    { name: "Caffè latte", quantity: 2, options: ["Large (16 oz)", "Oat milk"], lineTotalCents: 1490, notes: null },
    { name: "Butter croissant", quantity: 1, options: [], lineTotalCents: 395, notes: "warm it up" },
  ],
  subtotalCents: 1885,
  discountCents: 745,
  taxCents: 98,
  tipCents: 283,
  totalCents: 1521,
  payment: { method: "PAY_AT_PICKUP" },
  orderUrl: "http://localhost:3000/orders/0193",
  accountUrl: "http://localhost:3000/account",
  stopUrl: "http://localhost:3000/receipts/stop/u.sig",
  oneClickStopUrl: "http://localhost:3000/api/mail/receipts-off/u.sig",
};

describe("receiptMail", () => {
  it("lists the shop, items with options and quantities, and the sums in the shop's currency and time", () => {
    const mail = receiptMail(base);
    expect(mail.to).toBe("ada@example.test");
    expect(mail.subject).toBe("Your receipt from Go Coffee SFO Terminal 2: order K7Q2, $15.21");
    const lines = mail.text.split("\n");
    expect(lines[0]).toBe("Thank you, Ada. Here is your receipt from Go Coffee SFO Terminal 2.");
    expect(mail.text).toMatch(/Order K7Q2, collected December 3, 2026 at 9:41\sAM\n/); // 17:41 UTC in San Francisco
    expect(lines).toContainEqual(expect.stringMatching(/^2 × Caffè latte +\$14\.90$/));
    expect(lines).toContainEqual("    Large (16 oz), Oat milk");
    expect(lines).toContainEqual(expect.stringMatching(/^1 × Butter croissant +\$3\.95$/));
    expect(lines).toContainEqual("    Note: warm it up");
    expect(lines).toContainEqual(expect.stringMatching(/^Subtotal +\$18\.85$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Free drink \(loyalty beans\) +−\$7\.45$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Tax +\$0\.98$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Tip +\$2\.83$/));
    expect(lines).toContainEqual(expect.stringMatching(/^Total +\$15\.21$/));
    expect(mail.text).toContain("Paid at the counter when you picked up.");
    expect(mail.text).toContain("(or on your account page: http://localhost:3000/account)");
  });

  it("the sums add up to the total, and zero discounts and tips are left out", () => {
    const sum = receiptTotals(base).filter((t) => t.label !== "Total" && t.label !== "Subtotal").reduce((s, t) => s + t.cents, base.subtotalCents);
    expect(sum).toBe(base.totalCents);
    const plain = receiptTotals({ ...base, discountCents: 0, tipCents: 0, totalCents: 1983 });
    expect(plain.map((t) => t.label)).toEqual(["Subtotal", "Tax", "Total"]);
  });

  it("for crypto: chain, token, the amount in token units and the transaction's explorer link", () => {
    const hash = `0x${"ab".repeat(32)}`;
    const mail = receiptMail({ ...base, payment: { method: "CRYPTO", chainName: "Base", token: "USDC", amount: "15210000", decimals: 6, transactions: transactionLinks(8453, [hash]) } });
    expect(mail.text).toContain("Paid in crypto: 15.21 USDC on Base.");
    expect(mail.text).toContain(`Transaction: https://basescan.org/tx/${hash}`);
    expect(mail.html).toContain(`<a href="https://basescan.org/tx/${hash}">${hash}</a>`);
    expect(mail.text).not.toContain("Paid at the counter");
  });

  it("ETH amounts keep their precision (base units, no floats), and a local chain shows the hash without a link", () => {
    const hash = `0x${"12".repeat(32)}`;
    expect(transactionLinks(31337, [hash])).toEqual([{ hash, url: null }]);
    expect(transactionLinks(1, [hash])).toEqual([{ hash, url: `https://etherscan.io/tx/${hash}` }]);
    const mail = receiptMail({ ...base, payment: { method: "CRYPTO", chainName: "Anvil", token: "ETH", amount: "4567123456789012345", decimals: 18, transactions: transactionLinks(31337, [hash]) } });
    expect(mail.text).toContain("Paid in crypto: 4.567123456789012345 ETH on Anvil.");
    expect(mail.text).toContain(`Transaction ${hash} (a local chain with no public explorer)`);
    expect(mail.text).not.toMatch(/https?:\/\/[^\s]*\/tx\//);
  });

  it("has an HTML part that says the same, with everything from data escaped", () => {
    const mail = receiptMail({ ...base, customerName: `<img src=x onerror="alert(1)">`, items: [{ ...base.items[0]!, name: "Latte & <b>more</b>" }] });
    expect(mail.html).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("Latte &#38; &#60;b&#62;more&#60;/b&#62;");
    expect(mail.html).toContain("<strong>$15.21</strong>");
    expect(mail.html).toContain("−$7.45");
    expect(mail.html).toContain('<a href="http://localhost:3000/receipts/stop/u.sig">Stop receipt emails</a>');
    expect(mail.html).toContain('<a href="http://localhost:3000/account">your account page</a>');
  });

  it("says how to stop receipts without signing in, and tells mail providers where one-click unsubscribe goes", () => {
    const mail = receiptMail(base);
    expect(mail.text).toContain("Stop receipt emails: http://localhost:3000/receipts/stop/u.sig");
    expect(mail.headers).toEqual({ "List-Unsubscribe": "<http://localhost:3000/api/mail/receipts-off/u.sig>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
  });

  it("a guest's receipt says they asked for it and stops receipts to the address; it names no account page", () => {
    const mail = receiptMail({ ...base, accountUrl: null, stopUrl: "http://localhost:3000/receipts/stop/o-x.sig", oneClickStopUrl: "http://localhost:3000/api/mail/receipts-off/o-x.sig" });
    expect(mail.text).toContain("You asked for this receipt when you ordered. Stop receipt emails to this address: http://localhost:3000/receipts/stop/o-x.sig");
    expect(mail.text).not.toContain("account page");
    expect(mail.html).toContain(`<a href="http://localhost:3000/receipts/stop/o-x.sig">Stop receipt emails to this address</a>`);
    expect(mail.html).not.toContain("account page");
    expect(mail.headers?.["List-Unsubscribe"]).toBe("<http://localhost:3000/api/mail/receipts-off/o-x.sig>");
  });
});
