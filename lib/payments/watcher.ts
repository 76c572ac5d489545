import { getAbiItem, zeroAddress, type Address, type Block, type PublicClient } from "viem";
import { paymentRouterAbi } from "@/lib/chain/abis.generated";
import { Prisma, type Db } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { counter, gauge } from "@/lib/metrics";
import { refreshInvoice } from "./apply";
import { CONFIRMATION_WINDOW_MS } from "./invoice-state";

/**
 * The payment watcher's work for one chain, one tick at a time (workers/payment-watcher.ts loops):
 *
 * 1. Reorg check: the block stored with the cursor must still be the canonical block at that
 *    height. If not (or the chain got shorter), every payment in the last `reorgDepth` blocks is
 *    checked against the canonical block hash; a payment whose block was replaced becomes UNDONE
 *    and the window is scanned again (a transaction mined again in another block comes back).
 * 2. Scan: the router's Payment events from the cursor to the head (at most `maxRange` blocks a
 *    tick), matched to invoices by reference. A transaction counts once and for one invoice only
 *    (payments are unique per chain and transaction hash). Wrong token or recipient: MISMATCHED;
 *    mined after the invoice's expiry: late.
 * 3. Confirmations: head - block + 1; SEEN becomes CONFIRMED at the invoice's required number.
 * 4. Every invoice touched, and those whose time ran out, are re-derived (lib/payments/apply.ts),
 *    which releases orders into the pipeline.
 * 5. The cursor (block and hash) is stored last: a crash re-scans, and re-scanning is harmless.
 *
 * Reorganisations deeper than `reorgDepth` blocks are not undone (choose confirmations below it).
 */

const paymentEvent = getAbiItem({ abi: paymentRouterAbi, name: "Payment" });

const paymentsSeen = counter("gocoffee_payments_seen_total", "Router payments recorded by the watcher", ["chain", "outcome"]);
const paymentsUndone = counter("gocoffee_payments_undone_total", "Payments undone by a chain reorganisation", ["chain"]);
const cursorBlock = gauge("gocoffee_payment_watcher_block", "Last block the payment watcher processed", ["chain"]);
const headBlock = gauge("gocoffee_chain_head_block", "Latest block of the chain at the payment watcher's last tick", ["chain"]);

export type WatcherOptions = {
  db: Db;
  client: PublicClient;
  chainId: number;
  router: Address;
  startBlock: bigint;
  log: Logger;
  /** How far back a detected reorganisation is re-checked. */
  reorgDepth?: bigint;
  /** Most blocks scanned per tick (RPC providers cap getLogs ranges). */
  maxRange?: bigint;
  now?: () => Date;
};

export type TickReport = {
  head: bigint;
  scannedTo: bigint | null;
  reorg: boolean;
  recorded: number;
  undone: number;
  refreshed: number;
  released: number;
};

type Cursor = { blockNumber: bigint; blockHash: string | null };

export class PaymentWatcher {
  private readonly reorgDepth: bigint;
  private readonly maxRange: bigint;
  private readonly router: string;
  private readonly chainLabel: string;

  constructor(private readonly opts: WatcherOptions) {
    this.reorgDepth = opts.reorgDepth ?? 64n;
    this.maxRange = opts.maxRange ?? 2_000n;
    this.router = opts.router.toLowerCase();
    this.chainLabel = String(opts.chainId);
  }

  async tick(): Promise<TickReport> {
    const { db, client, chainId } = this.opts;
    const head = await client.getBlock({ blockTag: "latest" });
    headBlock.set({ chain: this.chainLabel }, Number(head.number));
    const report: TickReport = { head: head.number, scannedTo: null, reorg: false, recorded: 0, undone: 0, refreshed: 0, released: 0 };
    const touched = new Set<string>();

    let cursor = await this.loadCursor();
    if (cursor.blockHash !== null) {
      const atCursor = cursor.blockNumber <= head.number ? await this.blockAt(cursor.blockNumber) : null;
      if (!atCursor || atCursor.hash !== cursor.blockHash) {
        report.reorg = true;
        const low = this.opts.startBlock - 1n;
        const rewindTo = max(low, min(cursor.blockNumber, head.number) - this.reorgDepth);
        report.undone = await this.undoOrphans(rewindTo, head.number, touched);
        this.opts.log.warn({ chainId, cursor: cursor.blockNumber.toString(), head: head.number.toString(), rewindTo: rewindTo.toString(), undone: report.undone }, "chain reorganisation detected");
        cursor = { blockNumber: rewindTo, blockHash: null };
      }
    }

    const from = cursor.blockNumber + 1n;
    const to = min(head.number, from + this.maxRange - 1n);
    let caughtUp = from > head.number;
    if (from <= to) {
      const toBlock = to === head.number ? head : await client.getBlock({ blockNumber: to });
      const logs = await client.getLogs({ address: this.opts.router, event: paymentEvent, fromBlock: from, toBlock: to });
      // A reorg while we read would mix forks: the range's last block must not have changed.
      const recheck = await client.getBlock({ blockNumber: to });
      if (recheck.hash !== toBlock.hash) {
        this.opts.log.info({ chainId, block: to.toString() }, "head moved under the scan, retrying next tick");
        return report;
      }
      report.recorded = await this.record(logs as unknown as PaymentLog[], touched);
      await this.saveCursor(to, toBlock.hash);
      report.scannedTo = to;
      caughtUp = to === head.number;
    }

    for (const id of await this.confirm(head.number)) touched.add(id);
    // Expiry is judged only when the scan has caught up, so a payment mined in time but not yet
    // read never makes its invoice look expired.
    if (caughtUp) for (const id of await this.dueForExpiry()) touched.add(id);

    const now = this.opts.now?.() ?? new Date();
    for (const invoiceId of touched) {
      const result = await db.$transaction((tx) => refreshInvoice(tx, invoiceId, now));
      if (result?.changed) report.refreshed++;
      if (result?.released) report.released++;
    }
    return report;
  }

  private async loadCursor(): Promise<Cursor> {
    const row = await this.opts.db.chainCursor.findUnique({ where: { chainId: this.opts.chainId } });
    // No cursor yet, or a new router (a redeployment): start from the router's first block.
    if (!row || row.routerAddress !== this.router) return { blockNumber: this.opts.startBlock - 1n, blockHash: null };
    return { blockNumber: row.blockNumber, blockHash: row.blockHash };
  }

  private async saveCursor(blockNumber: bigint, blockHash: string): Promise<void> {
    const data = { routerAddress: this.router, blockNumber, blockHash };
    await this.opts.db.chainCursor.upsert({ where: { chainId: this.opts.chainId }, create: { chainId: this.opts.chainId, ...data }, update: data });
    cursorBlock.set({ chain: this.chainLabel }, Number(blockNumber));
  }

  private async blockAt(blockNumber: bigint): Promise<Block | null> {
    return this.opts.client.getBlock({ blockNumber }).catch(() => null);
  }

  /** Marks payments above `rewindTo` whose block is no longer canonical as UNDONE. */
  private async undoOrphans(rewindTo: bigint, head: bigint, touched: Set<string>): Promise<number> {
    const candidates = await this.opts.db.payment.findMany({
      where: { chainId: this.opts.chainId, status: { in: ["SEEN", "CONFIRMED", "MISMATCHED"] }, blockNumber: { gt: rewindTo } },
      select: { id: true, invoiceId: true, blockNumber: true, blockHash: true },
    });
    const hashes = new Map<bigint, string | null>();
    let undone = 0;
    for (const p of candidates) {
      if (!hashes.has(p.blockNumber)) hashes.set(p.blockNumber, p.blockNumber <= head ? ((await this.blockAt(p.blockNumber))?.hash ?? null) : null);
      if (hashes.get(p.blockNumber) === p.blockHash) continue;
      await this.opts.db.payment.update({ where: { id: p.id }, data: { status: "UNDONE", confirmations: 0 } });
      touched.add(p.invoiceId);
      undone++;
    }
    if (undone > 0) paymentsUndone.inc({ chain: this.chainLabel }, undone);
    return undone;
  }

  private async record(typed: readonly PaymentLog[], touched: Set<string>): Promise<number> {
    if (typed.length === 0) return 0;
    const refs = [...new Set(typed.map((l) => l.args.paymentRef.toLowerCase()))];
    const invoices = await this.opts.db.invoice.findMany({
      where: { reference: { in: refs }, chainId: this.opts.chainId },
      select: { id: true, reference: true, payTo: true, tokenAddress: true, expiresAt: true, routerAddress: true },
    });
    const byRef = new Map(invoices.map((i) => [i.reference, i]));
    const blockTimes = new Map<string, Date>();
    let recorded = 0;
    for (const log of typed) {
      const invoice = byRef.get(log.args.paymentRef.toLowerCase());
      if (!invoice || invoice.routerAddress !== this.router) {
        // Someone else's payment (another deployment sharing the chain) or a made-up reference.
        paymentsSeen.inc({ chain: this.chainLabel, outcome: "unmatched" });
        continue;
      }
      if (!blockTimes.has(log.blockHash)) {
        const block = await this.opts.client.getBlock({ blockHash: log.blockHash });
        blockTimes.set(log.blockHash, new Date(Number(block.timestamp) * 1000));
      }
      const blockTime = blockTimes.get(log.blockHash)!;
      const token = log.args.token.toLowerCase();
      const mismatched = log.args.to.toLowerCase() !== invoice.payTo || token !== (invoice.tokenAddress ?? zeroAddress);
      const status = mismatched ? "MISMATCHED" : "SEEN";
      const late = blockTime.getTime() > invoice.expiresAt.getTime();
      // One row per transaction: a re-mined transaction (after a reorg) takes its new block and starts
      // counting confirmations again; a transaction already counted for another invoice changes nothing.
      const rows = await this.opts.db.$executeRaw`
        INSERT INTO payments (id, invoice_id, chain_id, tx_hash, log_index, block_number, block_hash, block_time, payer, token, pay_to, amount, status, late, seen_at, updated_at)
        VALUES (gen_random_uuid(), ${invoice.id}::uuid, ${this.opts.chainId}, ${log.transactionHash}, ${log.logIndex}, ${log.blockNumber}, ${log.blockHash}, ${blockTime},
                ${log.args.payer.toLowerCase()}, ${token}, ${log.args.to.toLowerCase()}, ${new Prisma.Decimal(log.args.amount.toString())}, ${status}::"PaymentStatus", ${late}, now(), now())
        ON CONFLICT (chain_id, tx_hash) DO UPDATE SET
          block_number = excluded.block_number, block_hash = excluded.block_hash, block_time = excluded.block_time, log_index = excluded.log_index,
          late = excluded.late, confirmations = 0,
          status = excluded.status,
          updated_at = now()
        WHERE payments.invoice_id = excluded.invoice_id AND payments.block_hash IS DISTINCT FROM excluded.block_hash`;
      paymentsSeen.inc({ chain: this.chainLabel, outcome: rows > 0 ? (mismatched ? "mismatched" : late ? "late" : "recorded") : "duplicate" });
      if (rows > 0) {
        touched.add(invoice.id);
        recorded++;
      }
    }
    return recorded;
  }

  /** Updates confirmation counts; returns the invoices whose payments just reached their required number. */
  private async confirm(head: bigint): Promise<string[]> {
    const rows = await this.opts.db.$queryRaw<{ invoice_id: string; changed: boolean }[]>`
      WITH due AS (
        SELECT p.id, p.status AS old_status, (${head} - p.block_number + 1)::int AS confirmations,
               (${head} - p.block_number + 1) >= i.required_confirmations AS enough
        FROM payments p JOIN invoices i ON i.id = p.invoice_id
        WHERE p.chain_id = ${this.opts.chainId} AND p.block_number <= ${head}
          AND (p.status = 'SEEN' OR (p.status = 'CONFIRMED' AND p.confirmations < ${Number(this.reorgDepth)}))
          AND p.confirmations <> (${head} - p.block_number + 1)::int
      )
      UPDATE payments p SET
        confirmations = due.confirmations,
        status = CASE WHEN due.old_status = 'SEEN' AND due.enough THEN 'CONFIRMED'::"PaymentStatus" ELSE p.status END,
        updated_at = now()
      FROM due WHERE due.id = p.id
      RETURNING p.invoice_id, (due.old_status <> p.status) AS changed`;
    return [...new Set(rows.filter((r) => r.changed).map((r) => r.invoice_id))];
  }

  /** Open invoices whose quote ran out (NEW) or whose payment never confirmed in time (PROCESSING). */
  private async dueForExpiry(): Promise<string[]> {
    const now = this.opts.now?.() ?? new Date();
    const rows = await this.opts.db.invoice.findMany({
      where: {
        chainId: this.opts.chainId,
        OR: [
          { status: "NEW", expiresAt: { lt: now } },
          { status: "PROCESSING", expiresAt: { lt: new Date(now.getTime() - CONFIRMATION_WINDOW_MS) } },
        ],
      },
      select: { id: true },
      take: 500,
    });
    return rows.map((r) => r.id);
  }
}

type PaymentLog = {
  args: { paymentRef: `0x${string}`; payer: Address; token: Address; to: Address; amount: bigint };
  blockNumber: bigint;
  blockHash: `0x${string}`;
  transactionHash: `0x${string}`;
  logIndex: number;
};

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
