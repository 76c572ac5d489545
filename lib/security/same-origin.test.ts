import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./same-origin";

const allowed = ["https://gocoffee.example", "http://127.0.0.1:3100"];
const check = (method: string, origin: string | null, secFetchSite: string | null = null) => crossSiteRefusal({ method, origin, secFetchSite }, allowed);

describe("crossSiteRefusal", () => {
  it("lets reads through from anywhere", () => {
    expect(check("GET", "https://evil.example", "cross-site")).toBeNull();
    expect(check("HEAD", "https://evil.example")).toBeNull();
  });

  it("accepts writes from our own origins", () => {
    expect(check("POST", "https://gocoffee.example", "same-origin")).toBeNull();
    expect(check("POST", "http://127.0.0.1:3100")).toBeNull();
  });

  it("refuses writes from other origins, including a sibling subdomain", () => {
    expect(check("POST", "https://evil.example", "cross-site")).toMatch(/evil\.example/);
    expect(check("DELETE", "https://shop.gocoffee.example", "same-site")).not.toBeNull();
    expect(check("POST", "null")).not.toBeNull(); // sandboxed frames and data: URLs send "null"
  });

  it("refuses cross-site writes that hide their origin, and lets non-browser clients through", () => {
    expect(check("POST", null, "cross-site")).not.toBeNull();
    expect(check("POST", null, "same-site")).not.toBeNull();
    expect(check("POST", null, "none")).toBeNull(); // typed into the address bar / bookmarks
    expect(check("POST", null, null)).toBeNull(); // curl, the benchmark, other services
  });
});
