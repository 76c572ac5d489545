import type { Admin, Kafka } from "kafkajs";
import type { Logger } from "@/lib/log";
import { gauge } from "@/lib/metrics";

/**
 * A consumer group's lag per topic (high watermark − committed offset, summed over partitions),
 * read through the admin API every few seconds. Measured from the broker's side, it keeps rising
 * when the consumer is stuck or dead, which a lag read from the consumer's own fetches would not.
 * Alert GoCoffeeConsumerLagHigh and the consumers' autoscalers use it.
 */
const lag = gauge("gocoffee_kafka_consumer_lag", "Messages not yet consumed by the group, per topic", ["consumer", "topic"]);

type PartitionEnds = { partition: number; high: string; low: string }[];

/**
 * A group's lag per topic: high watermark − committed offset, summed over partitions; a partition
 * with no committed offset counts from the earliest message. Without `topics`, the topics the group
 * has committed offsets on. `ends` lets a caller reading many groups fetch each topic's ends once.
 */
export async function groupLag(admin: Admin, groupId: string, topics?: string[], ends: (topic: string) => Promise<PartitionEnds> = (t) => admin.fetchTopicOffsets(t)): Promise<Map<string, number>> {
  const committed = await admin.fetchOffsets({ groupId, ...(topics ? { topics } : {}) });
  const lags = new Map<string, number>();
  for (const { topic, partitions } of committed) {
    let sum = 0;
    for (const end of await ends(topic)) {
      const offset = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
      sum += Math.max(0, Number(end.high) - (offset >= 0 ? offset : Number(end.low)));
    }
    lags.set(topic, sum);
  }
  return lags;
}

export function watchConsumerLag(opts: { kafka: Kafka; groupId: string; consumer: string; topics: string[]; log: Logger; everyMs?: number }): { stop(): Promise<void> } {
  const admin = opts.kafka.admin();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const read = async () => {
    for (const [topic, sum] of await groupLag(admin, opts.groupId, opts.topics)) lag.set({ consumer: opts.consumer, topic }, sum);
  };
  const loop = () => {
    read()
      .catch((err: unknown) => opts.log.debug({ err }, "consumer lag read failed"))
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, opts.everyMs ?? 10_000);
      });
  };
  void admin.connect().then(loop, (err: unknown) => opts.log.warn({ err }, "consumer lag: admin connect failed"));
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await admin.disconnect().catch(() => undefined);
    },
  };
}
