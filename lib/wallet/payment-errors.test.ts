import { ChainMismatchError, ContractFunctionExecutionError, InsufficientFundsError, TransactionExecutionError, UserRejectedRequestError, parseAbi } from "viem";
import { anvil, base } from "viem/chains";
import { describe, expect, it } from "vitest";
import { paymentErrorMessage, refundErrorMessage } from "./payment-errors";

const context = { token: "USDC", chainName: "Anvil" };
const abi = parseAbi(["function payToken(bytes32 ref, address token, uint256 amount, address to)"]);

describe("paymentErrorMessage", () => {
  it("says the customer rejected the request, through viem's wrapping", () => {
    const wrapped = new ContractFunctionExecutionError(new UserRejectedRequestError(new Error("User rejected the request.")), { abi, functionName: "payToken", args: ["0x01", "0x0000000000000000000000000000000000000001", 1n, "0x0000000000000000000000000000000000000002"] });
    expect(paymentErrorMessage(wrapped, context)).toBe("You rejected the request in your wallet. Nothing was paid; press Pay to try again.");
    // A wallet that answers with a bare EIP-1193 error object.
    expect(paymentErrorMessage({ code: 4001, message: "MetaMask Tx Signature: User denied transaction signature." }, context)).toMatch(/^You rejected/);
  });

  it("names the network to switch to on a chain mismatch", () => {
    const error = new ChainMismatchError({ chain: anvil, currentChainId: base.id });
    expect(paymentErrorMessage(error, context)).toBe("Your wallet is on a different network. Switch it to Anvil and try again.");
    expect(paymentErrorMessage({ code: 4902, message: "Unrecognized chain ID" }, context)).toMatch(/different network/);
  });

  it("tells a token shortfall from a native-coin shortfall", () => {
    const reverted = new Error("Execution reverted with reason: custom error ERC20InsufficientBalance(address,uint256,uint256).");
    expect(paymentErrorMessage(reverted, context)).toBe("Your wallet does not hold enough USDC for this payment. Add USDC or choose another token.");
    expect(paymentErrorMessage(new Error('execution reverted: custom error 0xe450d38c000000'), context)).toMatch(/does not hold enough USDC/);
    const gas = new TransactionExecutionError(new InsufficientFundsError(), { account: undefined, chain: anvil } as never);
    expect(paymentErrorMessage(gas, context)).toBe("Your wallet does not have enough to pay for this and its network fee on Anvil.");
  });

  it("explains a missing allowance, a generic revert and an unreachable RPC", () => {
    expect(paymentErrorMessage(new Error("ERC20InsufficientAllowance(0x1, 0, 5)"), context)).toMatch(/Approve it in your wallet/);
    expect(paymentErrorMessage(new Error("execution reverted"), context)).toMatch(/payment contract refused/);
    expect(paymentErrorMessage(new TypeError("Failed to fetch"), context)).toBe("We could not reach Anvil. Check your connection and try again.");
  });

  it("falls back to a sentence that never leaks the raw error", () => {
    const message = paymentErrorMessage(new Error("0xdeadbeef internal"), {});
    expect(message).toBe("The payment did not go through. Nothing was paid; try again, or pay with the QR code.");
    expect(paymentErrorMessage(undefined)).toBe(message);
  });
});

describe("refundErrorMessage", () => {
  const context = { token: "USDC", chainName: "Anvil" };
  it("words a rejected, underfunded or unreachable refund for the manager", () => {
    expect(refundErrorMessage(new UserRejectedRequestError(new Error("User rejected the request.")), context)).toBe("You rejected the refund in your wallet. Nothing was sent; press Refund to try again.");
    expect(refundErrorMessage(new Error("ERC20InsufficientBalance"), context)).toBe("The shop's wallet does not hold enough USDC for this refund. Nothing was sent.");
    expect(refundErrorMessage(new Error("insufficient funds for gas * price + value"), context)).toMatch(/^The shop's wallet does not have enough for this refund and its network fee on Anvil/);
    expect(refundErrorMessage(new Error("fetch failed"), context)).toBe("We could not reach Anvil. Check your connection and try again.");
    expect(refundErrorMessage(new Error("something else"), context)).toBe("The refund did not go through. Nothing was sent; try again.");
  });
});
