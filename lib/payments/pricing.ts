import { DomainError } from "@/lib/errors";
import { STABLE_PEG_TOLERANCE_BPS, type TokenConfig } from "@/lib/chain/config";

/**
 * Converts an order total (USD cents) into a token amount from a Chainlink-style round. Pure.
 * Refuses, with a sentence for the customer, prices that are stale (older than the feed's allowed
 * age, or from the future), incomplete (answer <= 0, a round answered in an earlier round) or
 * implausible (native coins outside their sane USD band; stablecoins off their peg by more than the
 * tolerance). Stablecoins are taken at par once the peg is checked: a café's $4.50 is 4.50 USDC.
 * Amounts are rounded up to the next base unit, so the shop never receives less than the price.
 */

export type FeedRound = {
  roundId: bigint;
  answer: bigint;
  updatedAt: bigint;
  answeredInRound: bigint;
  decimals: number;
};

export type Quote = {
  /** Token base units to pay. */
  amount: bigint;
  /** USD per whole token, scaled by 10^rateDecimals (what the amount was computed from). */
  rate: bigint;
  rateDecimals: number;
  rateUpdatedAt: Date;
};

/** Clock skew tolerated between us and the chain before an update time counts as "in the future". */
const FUTURE_SKEW_SECONDS = 120n;

export function checkRound(token: Pick<TokenConfig, "symbol" | "feedMaxAgeSeconds">, round: FeedRound, now: Date): void {
  const nowSeconds = BigInt(Math.floor(now.getTime() / 1000));
  if (round.answer <= 0n || round.updatedAt === 0n || round.answeredInRound < round.roundId) {
    throw new DomainError("unavailable", `The ${token.symbol} price feed has no usable price right now. Please try again shortly or choose another token.`);
  }
  if (round.updatedAt > nowSeconds + FUTURE_SKEW_SECONDS) {
    throw new DomainError("unavailable", `The ${token.symbol} price feed reports a time in the future, so we cannot trust it. Please choose another token.`);
  }
  const age = nowSeconds - round.updatedAt;
  if (age > BigInt(token.feedMaxAgeSeconds)) {
    throw new DomainError("unavailable", `The ${token.symbol} price is out of date (last updated ${describeAge(Number(age))} ago). Please try again shortly or choose another token.`);
  }
}

export function quote(token: TokenConfig, amountCents: number, round: FeedRound | null, now: Date): Quote {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new DomainError("invalid", "There is nothing to pay on this order.");
  const scale = 10n ** BigInt(token.decimals);
  if (token.kind === "stable") {
    if (round) {
      checkRound(token, round, now);
      const one = 10n ** BigInt(round.decimals);
      const offBps = ((round.answer > one ? round.answer - one : one - round.answer) * 10_000n) / one;
      if (offBps > BigInt(STABLE_PEG_TOLERANCE_BPS)) {
        throw new DomainError("unavailable", `${token.symbol} is trading at $${formatUsd(round.answer, round.decimals)}, too far from $1.00 to take at par. Please choose another token.`);
      }
    }
    // At par: cents * 10^decimals / 100, rounded up (only matters for tokens with fewer than 2 decimals).
    return { amount: ceilDiv(BigInt(amountCents) * scale, 100n), rate: 1n, rateDecimals: 0, rateUpdatedAt: round ? secondsToDate(round.updatedAt) : now };
  }

  if (!round) throw new DomainError("unavailable", `${token.symbol} has no price feed on this network, so it cannot be quoted. Please choose another token.`);
  checkRound(token, round, now);
  const usd = Number(round.answer) / 10 ** round.decimals;
  if (token.plausibleUsd && (usd < token.plausibleUsd.min || usd > token.plausibleUsd.max)) {
    throw new DomainError("unavailable", `The ${token.symbol} price feed reports $${formatUsd(round.answer, round.decimals)}, which is not plausible, so we will not quote from it. Please choose another token.`);
  }
  // amount = cents/100 USD ÷ (answer / 10^feedDecimals USD per token) × 10^decimals
  const amount = ceilDiv(BigInt(amountCents) * scale * 10n ** BigInt(round.decimals), 100n * round.answer);
  return { amount, rate: round.answer, rateDecimals: round.decimals, rateUpdatedAt: secondsToDate(round.updatedAt) };
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

function secondsToDate(seconds: bigint): Date {
  return new Date(Number(seconds) * 1000);
}

function formatUsd(answer: bigint, decimals: number): string {
  return (Number(answer) / 10 ** decimals).toFixed(2);
}

function describeAge(seconds: number): string {
  if (seconds < 120) return `${seconds} seconds`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} minutes`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} hours`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** A token amount in whole units for people ("0.001234 ETH"), trimmed of trailing zeros. */
export function formatTokenAmount(amount: bigint, decimals: number, maxFraction = 6): string {
  const scale = 10n ** BigInt(decimals);
  const whole = amount / scale;
  const fraction = amount % scale;
  if (fraction === 0n) return whole.toString();
  let digits = fraction.toString().padStart(decimals, "0");
  if (digits.length > maxFraction) {
    // Round up so a displayed amount is never less than what is due.
    const cut = BigInt(digits.slice(0, maxFraction)) + (/[1-9]/.test(digits.slice(maxFraction)) ? 1n : 0n);
    if (cut >= 10n ** BigInt(maxFraction)) return (whole + 1n).toString();
    digits = cut.toString().padStart(maxFraction, "0");
  }
  digits = digits.replace(/0+$/, "");
  return digits ? `${whole}.${digits}` : whole.toString();
}
