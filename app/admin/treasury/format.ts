/** The treasury screen's money and time formats (server and client components share them). */

/** USD cents as "$1,234.56", "−$0.75" for a loss. */
export const usd = (cents: number) => `${cents < 0 ? "−" : ""}$${(Math.abs(cents) / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** A UTC clock time, "14:05:09": the desk works in chain time, which is UTC. */
export const utcTime = (d: Date) => d.toISOString().slice(11, 19);
