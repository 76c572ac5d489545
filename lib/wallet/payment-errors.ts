import { BaseError, ChainMismatchError, ContractFunctionRevertedError, InsufficientFundsError, UserRejectedRequestError } from "viem";

/**
 * A wallet or chain error as one sentence a customer can act on. viem wraps errors in layers
 * (ContractFunctionExecutionError → CallExecutionError → the cause), so the cause chain is walked
 * with BaseError.walk and matched by class first, then by the node's message for wallets that
 * return plain JSON-RPC errors.
 */
export function paymentErrorMessage(error: unknown, context: { token?: string; chainName?: string } = {}): string {
  const token = context.token ?? "the token";
  const network = context.chainName ?? "the payment network";
  const text = messagesOf(error).join(" \n ");

  if (found(error, UserRejectedRequestError) || /user (rejected|denied)|rejected the request|request rejected|code[": ]+4001/i.test(text)) {
    return "You rejected the request in your wallet. Nothing was paid; press Pay to try again.";
  }
  if (found(error, ChainMismatchError) || /chain mismatch|does not match the target chain|wrong network|unrecognized chain|code[": ]+4902/i.test(text)) {
    return `Your wallet is on a different network. Switch it to ${network} and try again.`;
  }
  if (/transfer amount exceeds balance|insufficient balance|ERC20InsufficientBalance|0xe450d38c|exceeds balance/i.test(text)) {
    return `Your wallet does not hold enough ${token} for this payment. Add ${token} or choose another token.`;
  }
  if (found(error, InsufficientFundsError) || /insufficient funds/i.test(text)) {
    return `Your wallet does not have enough to pay for this and its network fee on ${network}.`;
  }
  if (/insufficient allowance|ERC20InsufficientAllowance|0xfb8f41b2|exceeds allowance/i.test(text)) {
    return `The router may not spend your ${token} yet. Approve it in your wallet, then pay.`;
  }
  if (found(error, ContractFunctionRevertedError) || /execution reverted|reverted/i.test(text)) {
    return "The payment contract refused this payment. Nothing was paid; refresh the page and try again.";
  }
  if (/connector not connected|not connected/i.test(text)) return "Connect your wallet first.";
  if (/fetch failed|failed to fetch|network error|timed? ?out|HTTP request failed/i.test(text)) {
    return `We could not reach ${network}. Check your connection and try again.`;
  }
  return "The payment did not go through. Nothing was paid; try again, or pay with the QR code.";
}

function found(error: unknown, type: abstract new (...args: never[]) => Error): boolean {
  if (error instanceof type) return true;
  return error instanceof BaseError && error.walk((e) => e instanceof type) instanceof type;
}

/** Every message and short message along the cause chain (viem's shortMessage is the useful one). */
function messagesOf(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth++) {
    if (typeof current === "object") {
      const { message, shortMessage, details, code, name } = current as { message?: unknown; shortMessage?: unknown; details?: unknown; code?: unknown; name?: unknown };
      for (const part of [name, shortMessage, details, message]) if (typeof part === "string") out.push(part);
      if (typeof code === "number") out.push(`code: ${code}`);
      current = (current as { cause?: unknown }).cause;
    } else {
      if (typeof current === "string") out.push(current);
      break;
    }
  }
  return out;
}

/** Said before asking the wallet, when its balance cannot cover the payment (checked on chain first). */
export function shortfallMessage(token: string, native: boolean, chainName: string): string {
  return native
    ? `Your wallet does not have enough ${token} on ${chainName} for this payment and its network fee. Add ${token} or choose another token.`
    : `Your wallet does not hold enough ${token} for this payment. Add ${token} or choose another token.`;
}

/**
 * A wallet or chain error while the manager sends a refund, as one sentence (the same causes as
 * paymentErrorMessage, in the refund's words: it is the shop's wallet that pays here).
 */
export function refundErrorMessage(error: unknown, context: { token: string; chainName: string }): string {
  const text = messagesOf(error).join(" \n ");
  if (found(error, UserRejectedRequestError) || /user (rejected|denied)|rejected the request|request rejected|code[": ]+4001/i.test(text)) {
    return "You rejected the refund in your wallet. Nothing was sent; press Refund to try again.";
  }
  if (found(error, ChainMismatchError) || /chain mismatch|does not match the target chain|wrong network|unrecognized chain|code[": ]+4902/i.test(text)) {
    return `Your wallet is on a different network. Switch it to ${context.chainName} and try again.`;
  }
  if (/transfer amount exceeds balance|insufficient balance|ERC20InsufficientBalance|0xe450d38c|exceeds balance/i.test(text)) {
    return `The shop's wallet does not hold enough ${context.token} for this refund. Nothing was sent.`;
  }
  if (found(error, InsufficientFundsError) || /insufficient funds/i.test(text)) {
    return `The shop's wallet does not have enough for this refund and its network fee on ${context.chainName}. Nothing was sent.`;
  }
  if (found(error, ContractFunctionRevertedError) || /execution reverted|reverted/i.test(text)) return "The refund transaction failed on chain. Nothing was sent; try again.";
  if (/connector not connected|not connected/i.test(text)) return "Connect the shop's wallet first.";
  if (/fetch failed|failed to fetch|network error|timed? ?out|HTTP request failed/i.test(text)) return `We could not reach ${context.chainName}. Check your connection and try again.`;
  return "The refund did not go through. Nothing was sent; try again.";
}
