import type { Redis } from "ioredis";
import { z } from "zod";

/**
 * The order a chat is putting together (shop → product → one choice per group), kept in Redis so
 * every instance of the bot sees it: in webhook mode behind a load balancer, Telegram's next update
 * for the chat can reach another instance than the last one did, and a restart keeps it too. A
 * draft is dropped after DRAFT_TTL_SECONDS without a change; a placed order never depends on it
 * (placing is idempotent by message). What Redis holds is re-checked on the way out: anything that
 * is not a draft reads as none.
 */

export const DRAFT_TTL_SECONDS = 2 * 60 * 60;

const slug = z.string().regex(/^[a-z0-9-]{1,60}$/);
const draftSchema = z.object({ shop: slug, product: slug.optional(), options: z.record(z.string(), z.array(z.string())), asked: z.array(z.string()) });
export type Draft = z.infer<typeof draftSchema>;

export type DraftStore = {
  get(chatId: number): Promise<Draft | null>;
  set(chatId: number, draft: Draft): Promise<void>;
  delete(chatId: number): Promise<void>;
};

export function redisDraftStore(client: Redis, prefix: string): DraftStore {
  const key = (chatId: number) => `${prefix}tg:draft:${chatId}`;
  return {
    async get(chatId) {
      const raw = await client.get(key(chatId));
      if (raw === null) return null;
      try {
        const parsed = draftSchema.safeParse(JSON.parse(raw));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async set(chatId, draft) {
      await client.set(key(chatId), JSON.stringify(draftSchema.parse(draft)), "EX", DRAFT_TTL_SECONDS);
    },
    async delete(chatId) {
      await client.del(key(chatId));
    },
  };
}
