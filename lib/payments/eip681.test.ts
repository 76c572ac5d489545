import { describe, expect, it } from "vitest";
import { paymentUris } from "./eip681";

const base = { chainId: 31337, router: "0x57b6B8EC307B5939f28B8f4E828F5E249641f87f", reference: `0x${"ab".repeat(32)}`, payTo: "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955" } as const;

describe("paymentUris", () => {
  it("native: one router call carrying the value in wei", () => {
    expect(paymentUris({ ...base, token: null, amount: 1_500_000_000_000_000n })).toEqual({
      approve: null,
      pay: `ethereum:${base.router}@31337/payNative?bytes32=${base.reference}&address=${base.payTo}&value=1500000000000000`,
    });
  });

  it("token: approve the router, then pay through it", () => {
    const usdc = "0x42D8F84E78A5B6f0eC07527448380AB5cC2AdE31";
    expect(paymentUris({ ...base, token: usdc, amount: 4_750_000n })).toEqual({
      approve: `ethereum:${usdc}@31337/approve?address=${base.router}&uint256=4750000`,
      pay: `ethereum:${base.router}@31337/payToken?bytes32=${base.reference}&address=${usdc}&uint256=4750000&address=${base.payTo}`,
    });
  });
});
