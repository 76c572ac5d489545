import type { Admin, Kafka } from "kafkajs";
import { groupLag } from "@/lib/kafka/lag";
import { sleep } from "./support";

export type GroupLag = { group: string; max: number; atLoadEnd: number; last: number; caughtUpSeconds: number | null };

/**
 * Every consumer group of the run (by topic prefix) sampled once a second during a phase: the most
 * messages it was behind, how many when the load stopped, and how long after that it was at zero.
 * Lag is read from the broker (committed offsets against the topics' ends, lib/kafka/lag.ts), so a
 * consumer that falls behind or stops shows, whatever it says about itself. A group counts only the
 * topics it has committed on (a group that committed nothing yet is not listed).
 */
export function sampleConsumerLag(kafka: Kafka, prefix: string, everyMs = 1_000) {
  const admin: Admin = kafka.admin();
  const connected = admin.connect();
  const max = new Map<string, number>();
  const last = new Map<string, number>();
  let atLoadEnd: Map<string, number> | undefined;
  let loadEndedAt = 0;
  const caughtUp = new Map<string, number>();
  let running = true;

  const sample = async () => {
    const ends = new Map<string, ReturnType<Admin["fetchTopicOffsets"]>>();
    const endsOf = (topic: string) => ends.get(topic) ?? (ends.set(topic, admin.fetchTopicOffsets(topic)), ends.get(topic)!);
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(prefix));
    for (const group of groups) {
      const lag = [...(await groupLag(admin, group, undefined, endsOf)).values()].reduce((a, b) => a + b, 0);
      last.set(group, lag);
      max.set(group, Math.max(max.get(group) ?? 0, lag));
      if (atLoadEnd && lag === 0 && !caughtUp.has(group)) caughtUp.set(group, (Date.now() - loadEndedAt) / 1000);
    }
  };
  const loop = (async () => {
    await connected;
    while (running) {
      await sample().catch(() => undefined); // one missed sample is no figure worth failing a run for
      await sleep(everyMs);
    }
  })();

  return {
    /** The load stopped: remember each group's lag now, and time how long each takes to reach zero. */
    loadEnded(): void {
      loadEndedAt = Date.now();
      atLoadEnd = new Map(last);
      for (const [group, lag] of last) if (lag === 0) caughtUp.set(group, 0);
    },
    /** Samples on until every group is at zero or `maxWaitMs` passed; then stops and reports. */
    async finish(maxWaitMs: number): Promise<GroupLag[]> {
      const started = Date.now();
      while (Date.now() - started < maxWaitMs && [...last.values()].some((l) => l > 0)) await sleep(everyMs);
      running = false;
      await loop;
      await admin.disconnect().catch(() => undefined);
      return [...max.keys()].sort().map((group) => ({ group: group.slice(prefix.length), max: max.get(group)!, atLoadEnd: atLoadEnd?.get(group) ?? 0, last: last.get(group) ?? 0, caughtUpSeconds: caughtUp.get(group) ?? null }));
    },
  };
}

/** One line per group: "order-processor max 812, 40 at load end, at 0 after 1.2 s". */
export function lagLines(lags: readonly GroupLag[]): string[] {
  return lags.map((l) => `${l.group}: max ${l.max} behind, ${l.atLoadEnd} when the load stopped, ${l.caughtUpSeconds === null ? `still ${l.last} behind` : `at 0 after ${l.caughtUpSeconds.toFixed(1)} s`}`);
}
