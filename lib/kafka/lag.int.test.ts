import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKafka, createProducer, kafkaSettings } from "./client";
import { groupLag } from "./lag";

/** Consumer lag as the broker sees it (the alerts, the autoscalers and bench:orders read it). */

const settings = kafkaSettings();
const kafka = createKafka(settings);
const admin = kafka.admin();
const topic = `${settings.prefix}lag-test.${Date.now().toString(36)}`;
const group = `${settings.prefix}lag-test-group`;

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
  const producer = createProducer(kafka);
  await producer.connect();
  // Three messages on partition 0, two on partition 1.
  await producer.send({ topic, acks: -1, messages: [0, 0, 0, 1, 1].map((partition, i) => ({ partition, value: `m${i}` })) });
  await producer.disconnect();
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe("groupLag", () => {
  it("counts every message of the named topics for a group that never committed", async () => {
    expect(await groupLag(admin, group, [topic])).toEqual(new Map([[topic, 5]]));
  });

  it("is what lies past the committed offsets, and lists the committed topics when none are named", async () => {
    // One commit (kafkajs's setOffsets takes ~5 s here): partition 0 read to its end, partition 1 one short.
    await admin.setOffsets({ groupId: group, topic, partitions: [{ partition: 0, offset: "3" }, { partition: 1, offset: "1" }] });
    expect(await groupLag(admin, group, [topic])).toEqual(new Map([[topic, 1]]));
    expect(await groupLag(admin, group)).toEqual(new Map([[topic, 1]]));
  });
});
