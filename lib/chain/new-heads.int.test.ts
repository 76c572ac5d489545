import { afterAll, describe, expect, it } from "vitest";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { HeadSignal, subscribeNewHeads, webSocketUrlOf } from "./new-heads";

/**
 * The subscription alone (no clock reading the head here): a mined block reaches the signal, and
 * after the node restarts on its port (a fresh chain from block 0) the signal hears its blocks again.
 */

const anvils: PrivateAnvil[] = [];
afterAll(async () => {
  await Promise.all(anvils.map((a) => a.stop()));
});

const rpc = (rpcUrl: string, method: string, params: unknown[] = []) =>
  fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) }).then((r) => r.json());
const mine = (rpcUrl: string) => rpc(rpcUrl, "evm_mine");

/** The head once it is `want`, or what it was after 20 s (the assertion then says which). */
async function headReaching(signal: HeadSignal, want: bigint): Promise<bigint | null> {
  const deadline = Date.now() + 20_000;
  let head = signal.latest;
  while (head !== want && Date.now() < deadline) head = await signal.next(head, deadline - Date.now());
  return head;
}

describe("subscribeNewHeads on anvil", () => {
  it("tells each new block, and again after the node restarts on its port", async () => {
    const first = await startPrivateAnvil();
    anvils.push(first);
    // Far ahead of where the restarted chain will be, so its heads are told apart by number.
    await rpc(first.rpcUrl, "anvil_mine", ["0x3e8"]);
    const signal = new HeadSignal();
    const errors: string[] = [];
    const stop = subscribeNewHeads(webSocketUrlOf(first.rpcUrl), signal, { retryMs: 200, onError: (e) => errors.push(e.message) });
    try {
      // The subscription is made asynchronously: mine until its first head arrives, then let the
      // heads of the blocks mined meanwhile arrive too (up to the chain's own head), then one more.
      await expect.poll(async () => (await mine(first.rpcUrl), signal.latest), { timeout: 20_000 }).not.toBeNull();
      const head = BigInt(((await rpc(first.rpcUrl, "eth_blockNumber")) as { result: string }).result);
      expect(await headReaching(signal, head)).toBe(head);
      await mine(first.rpcUrl);
      expect(await headReaching(signal, head + 1n)).toBe(head + 1n);

      await first.stop();
      const second = await startPrivateAnvil([], { port: first.port });
      anvils.push(second);
      // Mine on the new chain until its heads arrive (block 1, 2, …: the last one seen was past 1,000).
      await expect.poll(async () => (await mine(second.rpcUrl), signal.latest), { timeout: 30_000, interval: 500 }).toBeLessThan(1_000n);
    } finally {
      stop();
    }
  });
});
