import type { Prisma } from "@/lib/db/generated/client.ts";

/** What the seed steps run on: the one transaction the whole seed runs in. */
export type SeedTx = Prisma.TransactionClient;

/** Serializes concurrent seeds of the same database (held until the transaction ends). */
export async function lockSeed(tx: SeedTx): Promise<void> {
  await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(hashtext('gocoffee:seed'))");
}
