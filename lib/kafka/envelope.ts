import { randomUUID } from "node:crypto";
import { z } from "zod";

/** The one message shape on every topic. `payload` is checked against the event type's schema. */
export const envelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  key: z.string().min(1),
  version: z.number().int().positive(),
  payload: z.unknown(),
});

export type Envelope<P = unknown> = Omit<z.infer<typeof envelopeSchema>, "payload"> & { payload: P };

export function newEventId(): string {
  return randomUUID();
}

export function encodeEnvelope(envelope: Envelope): Buffer {
  return Buffer.from(JSON.stringify(envelope));
}

/** Parses bytes from Kafka; throws a ZodError or SyntaxError for anything that is not an envelope. */
export function decodeEnvelope(value: Buffer | null): Envelope {
  if (!value) throw new SyntaxError("empty message");
  return envelopeSchema.parse(JSON.parse(value.toString("utf8"))) as Envelope;
}
