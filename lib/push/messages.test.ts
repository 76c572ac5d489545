import { describe, expect, it } from "vitest";
import { pushMessageFor } from "./messages";

const order = { id: "0190a0b0-0000-7000-8000-000000000001", pickupCode: "K7Q2M", shopName: "Go Coffee Mission", trackingToken: "tok+/=" };

describe("push messages", () => {
  it("says ready with the code and the shop, linking to the tracking page with the guest's token", () => {
    expect(pushMessageFor("READY", order)).toEqual({
      title: "Your order is ready",
      body: "Order K7Q2M is waiting at Go Coffee Mission. Show code K7Q2M at the counter.",
      url: `/orders/${order.id}?token=tok%2B%2F%3D`,
      tag: `order-${order.id}`,
    });
  });

  it("links an account's order without a token, says cancelled, and stays silent for other statuses", () => {
    expect(pushMessageFor("CANCELLED", { ...order, trackingToken: null })).toMatchObject({ title: "Your order was cancelled", url: `/orders/${order.id}` });
    for (const status of ["PLACED", "QUEUED", "PREPARING", "CLAIMED", "REFUNDED"]) expect(pushMessageFor(status, order)).toBeNull();
  });
});
