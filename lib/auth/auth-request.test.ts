import { describe, expect, it } from "vitest";
import { AUTH_BODY_LIMIT_BYTES, authRequestRefusal, readBodyWithin, type AuthRequest } from "./auth-request";

const FORM = "application/x-www-form-urlencoded";
const post = (path: string, body: string | null, contentType: string | null = FORM): AuthRequest => ({ method: "POST", segments: path.split("/"), contentType, body });
const get = (path: string): AuthRequest => ({ method: "GET", segments: path.split("/"), contentType: null, body: null });
const signIn = new URLSearchParams({ csrfToken: "abc", email: "casey@example.test", password: "espresso-and-more", json: "true" }).toString();

describe("authRequestRefusal", () => {
  it("lets through what next-auth's browser client sends", () => {
    expect(authRequestRefusal(post("callback/credentials", signIn))).toBeNull();
    expect(authRequestRefusal(post("callback/credentials", signIn, "application/x-www-form-urlencoded;charset=UTF-8"))).toBeNull();
    expect(authRequestRefusal(post("callback/siwe", new URLSearchParams({ csrfToken: "abc", message: "m", signature: "0x1" }).toString()))).toBeNull();
    expect(authRequestRefusal(post("signout", new URLSearchParams({ csrfToken: "abc", callbackUrl: "/", json: "true" }).toString()))).toBeNull();
    expect(authRequestRefusal(post("session", JSON.stringify({ csrfToken: "abc", data: {} }), "application/json"))).toBeNull();
    expect(authRequestRefusal(post("_log", new URLSearchParams({ level: "error", code: "CLIENT_FETCH_ERROR" }).toString()))).toBeNull();
    for (const path of ["csrf", "session", "providers", "signin", "signout", "error", "signin/credentials"]) expect(authRequestRefusal(get(path)), path).toBeNull();
  });

  it("refuses bodies next-auth would choke on: empty, broken or non-object JSON, other content types", () => {
    expect(authRequestRefusal(post("callback/credentials", "", "application/json"))).toMatchObject({ status: 400, message: "The request body is not valid JSON." });
    expect(authRequestRefusal(post("callback/credentials", "{", "application/json"))).toMatchObject({ status: 400, message: "The request body is not valid JSON." });
    expect(authRequestRefusal(post("callback/credentials", "[1]", "application/json"))).toMatchObject({ status: 400, message: "The request body must be a JSON object." });
    expect(authRequestRefusal(post("callback/credentials", "null", "application/json"))).toMatchObject({ status: 400 });
    expect(authRequestRefusal(post("callback/credentials", "email=a", "text/plain"))).toMatchObject({ status: 415 });
    expect(authRequestRefusal(post("callback/credentials", "--x", "multipart/form-data; boundary=x"))).toMatchObject({ status: 415 });
    expect(authRequestRefusal(post("callback/credentials", "", null))).toMatchObject({ status: 415, message: "Send the form as application/x-www-form-urlencoded (or JSON)." });
  });

  it("refuses forms without the fields the endpoint needs", () => {
    expect(authRequestRefusal(post("callback/credentials", ""))).toMatchObject({ status: 400, message: "csrfToken is missing: get one from GET /api/auth/csrf and send it with the form." });
    expect(authRequestRefusal(post("callback/credentials", "csrfToken=abc"))).toMatchObject({ status: 400, message: "The sign-in form needs email and password." });
    expect(authRequestRefusal(post("callback/credentials", "csrfToken=abc&email=a"))).toMatchObject({ status: 400, message: "The sign-in form needs password." });
    expect(authRequestRefusal(post("callback/siwe", "csrfToken=abc&message=m"))).toMatchObject({ status: 400, message: "The sign-in form needs signature." });
    expect(authRequestRefusal(post("callback/credentials", JSON.stringify({ csrfToken: 1, email: "a", password: "b" }), "application/json"))).toMatchObject({ status: 400 });
    expect(authRequestRefusal(post("signout", "callbackUrl=/"))).toMatchObject({ status: 400 });
    expect(authRequestRefusal(post("session", JSON.stringify({ csrfToken: 5 }), "application/json"))).toMatchObject({ status: 400 });
    expect(authRequestRefusal(post("_log", "level=fatal&code=x"))).toMatchObject({ status: 400 });
    expect(authRequestRefusal(post("_log", "level=error"))).toMatchObject({ status: 400 });
  });

  it("answers unknown endpoints and providers with a 404 sentence, and a GET callback (next-auth's 500) too", () => {
    expect(authRequestRefusal(post("callback/github", signIn))).toMatchObject({ status: 404, message: 'There is no sign-in method "github"; use credentials or siwe.' });
    expect(authRequestRefusal(post("callback", signIn))).toMatchObject({ status: 404 });
    expect(authRequestRefusal(post("signin", signIn))).toMatchObject({ status: 404 });
    expect(authRequestRefusal(post("nope", signIn))).toMatchObject({ status: 404, message: "There is no POST /api/auth/nope." });
    expect(authRequestRefusal(post("callback/credentials/extra", signIn))).toMatchObject({ status: 404 });
    expect(authRequestRefusal(post("csrf", signIn))).toMatchObject({ status: 404 });
    expect(authRequestRefusal(get("callback/credentials"))).toMatchObject({ status: 404 });
    expect(authRequestRefusal(get("session/x"))).toMatchObject({ status: 404 });
    expect(authRequestRefusal(get(""))).toMatchObject({ status: 404 });
  });
});

describe("readBodyWithin", () => {
  const request = (body: BodyInit | null, headers: Record<string, string> = {}) => new Request("http://127.0.0.1/api/auth/callback/credentials", { method: "POST", body, headers, duplex: "half" } as RequestInit);

  it("reads a body within the limit", async () => {
    expect(await readBodyWithin(request("a=1"))).toBe("a=1");
    expect(await readBodyWithin(request(null))).toBe("");
  });

  it("refuses a declared Content-Length over the limit without reading, and a streamed body once it passes the limit", async () => {
    expect(await readBodyWithin(request("a=1", { "content-length": String(AUTH_BODY_LIMIT_BYTES + 1) }))).toBeNull();
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(4096));
      },
    });
    expect(await readBodyWithin(request(endless))).toBeNull();
    expect(pulled).toBeLessThan(10);
    expect(await readBodyWithin(request("x".repeat(AUTH_BODY_LIMIT_BYTES)))).toHaveLength(AUTH_BODY_LIMIT_BYTES);
  });
});
