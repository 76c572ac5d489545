import type { Address, Hex } from "viem";

/**
 * EIP-681 payment URIs for a phone wallet's QR scanner. A payment must go through the router (the
 * reference travels in its call), so the URIs are contract calls, not plain transfers:
 *   native: ethereum:<router>@<chainId>/payNative?bytes32=<ref>&address=<payTo>&value=<wei>
 *   token:  ethereum:<token>@<chainId>/approve?address=<router>&uint256=<amount>   (first, when needed)
 *           ethereum:<router>@<chainId>/payToken?bytes32=<ref>&address=<token>&uint256=<amount>&address=<payTo>
 * Wallet support for function-call URIs varies (MetaMask Mobile reads them); the connected-wallet
 * flow on the checkout page is the primary path.
 */

export type PaymentUris = { approve: string | null; pay: string };

export function paymentUris(p: { chainId: number; router: Address; reference: Hex; payTo: Address; token: Address | null; amount: bigint }): PaymentUris {
  if (p.token === null) {
    return { approve: null, pay: `ethereum:${p.router}@${p.chainId}/payNative?bytes32=${p.reference}&address=${p.payTo}&value=${p.amount}` };
  }
  return {
    approve: `ethereum:${p.token}@${p.chainId}/approve?address=${p.router}&uint256=${p.amount}`,
    pay: `ethereum:${p.router}@${p.chainId}/payToken?bytes32=${p.reference}&address=${p.token}&uint256=${p.amount}&address=${p.payTo}`,
  };
}
