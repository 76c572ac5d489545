import { describe, expect, it } from "vitest";
import { classifySmtpError } from "./adapter";
import { maskAddress } from "@/lib/mail/address";
import { messageIdFor } from "./channel";

/** What an SMTP failure means to the delivery engine (errors shaped as nodemailer throws them). */
describe("classifySmtpError", () => {
  it("a refused login holds the channel until SMTP_URL is fixed", () => {
    expect(classifySmtpError(Object.assign(new Error("Invalid login"), { code: "EAUTH", responseCode: 535, response: "535 5.7.8 Authentication failed" }))).toEqual({
      kind: "credential",
      reason: "The mail server refused our login: 535 5.7.8 Authentication failed. Fix SMTP_URL and restart the integrations worker: held mails are then sent.",
    });
  });
  it("a 5xx refusal of the mail is permanent (dead-lettered, not retried)", () => {
    expect(classifySmtpError({ code: "EENVELOPE", responseCode: 550, response: "550 5.1.1 No such user" })).toMatchObject({ kind: "permanent", reason: "The mail server refused this mail (550): 550 5.1.1 No such user" });
    expect(classifySmtpError({ code: "EMESSAGE", message: "bad header" }).kind).toBe("permanent");
  });
  it("4xx replies, refused connections and timeouts are retried", () => {
    expect(classifySmtpError({ code: "EENVELOPE", responseCode: 451, response: "451 greylisted" })).toMatchObject({ kind: "transient", reason: "The mail server asked us to try later (451): 451 greylisted" });
    expect(classifySmtpError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ESOCKET" })).kind).toBe("transient");
    expect(classifySmtpError({ code: "ETIMEDOUT" }).kind).toBe("transient");
    expect(classifySmtpError(undefined).kind).toBe("transient");
  });
});

describe("mail channel helpers", () => {
  it("a Message-ID per idempotency key: the same key, the same id", () => {
    expect(messageIdFor("receipt:1")).toBe(messageIdFor("receipt:1"));
    expect(messageIdFor("receipt:1")).not.toBe(messageIdFor("receipt:2"));
    expect(messageIdFor("receipt:1")).toMatch(/^<[0-9a-f]{40}@mail\.gocoffee>$/);
  });
  it("the delivery log shows addresses masked", () => {
    expect(maskAddress("ada.lovelace@example.test")).toBe("a***@example.test");
  });
});
