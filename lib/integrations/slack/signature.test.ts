import { describe, expect, it } from "vitest";
import { signSlackRequest, verifySlackSignature } from "./signature";

const secret = "8f742231b10e8888abcd99yyyzzz85a5";
const body = "payload=%7B%22type%22%3A%22block_actions%22%7D";
const now = 1_700_000_000;

describe("Slack request signatures", () => {
  it("accepts Slack's documented example signature", () => {
    // From https://api.slack.com/authentication/verifying-requests-from-slack
    const docBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    const r = verifySlackSignature({ secret, body: docBody, timestamp: "1531420618", signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", nowSeconds: 1531420618 });
    expect(r).toEqual({ ok: true });
  });

  it("refuses a wrong secret, an altered body, missing headers and stale or future timestamps", () => {
    const sig = signSlackRequest(secret, String(now), body);
    expect(verifySlackSignature({ secret, body, timestamp: String(now), signature: sig, nowSeconds: now })).toEqual({ ok: true });
    expect(verifySlackSignature({ secret: "another-secret-entirely", body, timestamp: String(now), signature: sig, nowSeconds: now }).ok).toBe(false);
    expect(verifySlackSignature({ secret, body: body + "x", timestamp: String(now), signature: sig, nowSeconds: now }).ok).toBe(false);
    expect(verifySlackSignature({ secret, body, timestamp: null, signature: sig, nowSeconds: now })).toEqual({ ok: false, reason: "missing Slack signature headers" });
    expect(verifySlackSignature({ secret, body, timestamp: String(now), signature: "v0=short", nowSeconds: now }).ok).toBe(false);
    expect(verifySlackSignature({ secret, body, timestamp: String(now), signature: sig, nowSeconds: now + 301 })).toEqual({ ok: false, reason: "Slack timestamp too old or in the future" });
    expect(verifySlackSignature({ secret, body, timestamp: String(now), signature: sig, nowSeconds: now - 301 }).ok).toBe(false);
    expect(verifySlackSignature({ secret, body, timestamp: "12abc", signature: sig, nowSeconds: now }).ok).toBe(false);
  });
});
