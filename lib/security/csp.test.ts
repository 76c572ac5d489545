import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, originsOf } from "./csp";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `))?.split(" ").slice(1);

describe("content security policy", () => {
  it("runs scripts only from our origin or with this request's nonce, and never framed", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", dev: false, connectSrc: [] });
    expect(directive(csp, "script-src")).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(directive(csp, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(csp, "object-src")).toEqual(["'none'"]);
    expect(csp).not.toContain("unsafe-eval");
  });

  it("lets the wallet reach its RPC origins and the dev server use eval and websockets", () => {
    const csp = contentSecurityPolicy({ nonce: "n", dev: true, connectSrc: originsOf(["http://127.0.0.1:8545/", "https://rpc.example/v1?key=1", "not a url"]) });
    expect(directive(csp, "connect-src")).toEqual(["'self'", "http://127.0.0.1:8545", "https://rpc.example", "ws:"]);
    expect(directive(csp, "script-src")).toContain("'unsafe-eval'");
  });

  it("makes a different nonce each time", () => {
    expect(newNonce()).not.toBe(newNonce());
    expect(newNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
