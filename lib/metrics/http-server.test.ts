import { describe, expect, it } from "vitest";
import { routeOf } from "./http-server";

describe("routeOf", () => {
  it("keeps routes and folds ids, queries and assets so the label stays small", () => {
    expect(routeOf("/api/orders")).toBe("/api/orders");
    expect(routeOf("/api/orders?x=1")).toBe("/api/orders");
    expect(routeOf("/api/orders/01a23896-6f19-76eb-9397-6bb59ed9bbb6/events")).toBe("/api/orders/[id]/events");
    expect(routeOf("/_next/static/chunks/abc.js")).toBe("/_next");
    expect(routeOf("/api/shops/sfo-terminal-2/queue/events/extra")).toBe("/api/shops/sfo-terminal-2/queue");
    expect(routeOf("/orders/12345")).toBe("/orders/[id]");
    expect(routeOf(undefined)).toBe("/");
  });
});
