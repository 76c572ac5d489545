import { z } from "zod";

/** A Solana address (mint, pool, wallet) as the APIs send it: base58, 32-44 characters. */
export const solanaAddress = z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/, "a base58 Solana address");
