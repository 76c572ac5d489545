import { GrammyError, HttpError } from "grammy";
import { describe, expect, it } from "vitest";
import type { Api } from "grammy";
import { classifyTelegramError, telegramAdapter } from "./adapter";

const answer = (error_code: number, description: string, parameters = {}) => new GrammyError("call failed", { ok: false, error_code, description, parameters }, "sendMessage", {});

describe("classifyTelegramError", () => {
  it("holds the channel when the bot's token is refused", () => {
    expect(classifyTelegramError(answer(401, "Unauthorized")).kind).toBe("credential");
    expect(classifyTelegramError(answer(404, "Not Found")).kind).toBe("credential");
  });

  it("gives up on one message a chat will not take, without holding the others", () => {
    expect(classifyTelegramError(answer(403, "Forbidden: bot was blocked by the user"))).toEqual({ kind: "permanent", reason: "The chat does not take the bot's messages (403 Forbidden: bot was blocked by the user): they blocked the bot or left the chat" });
    expect(classifyTelegramError(answer(400, "Bad Request: chat not found")).kind).toBe("permanent");
  });

  it("tries again later on 429 (after Telegram's retry_after), 5xx and network errors", () => {
    expect(classifyTelegramError(answer(429, "Too Many Requests: retry after 7", { retry_after: 7 }))).toEqual({ kind: "transient", reason: "Telegram asked us to slow down (429 Too Many Requests: retry after 7)", retryAfterMs: 7000 });
    expect(classifyTelegramError(answer(502, "Bad Gateway")).kind).toBe("transient");
    expect(classifyTelegramError(new HttpError("Network request for 'sendMessage' failed!", new Error("ECONNREFUSED"))).kind).toBe("transient");
  });
});

describe("telegramAdapter", () => {
  const failingWith = (error: unknown) => ({ sendMessage: async () => Promise.reject(error), sendPhoto: async () => Promise.reject(error), getMe: async () => Promise.reject(error) }) as unknown as Pick<Api, "sendMessage" | "sendPhoto" | "getMe">;
  const message = { chatId: "8201", text: "Order K7M2Q is in the queue.", summary: "status" };

  it("names a chat that answers 403 before passing the failure on; other refusals name none", async () => {
    const blocked: string[] = [];
    const onBlocked = async (chatId: string, reason: string) => void blocked.push(`${chatId}: ${reason}`);
    await expect(telegramAdapter(failingWith(answer(403, "Forbidden: bot was blocked by the user")), onBlocked).send("", {}, message)).rejects.toBeInstanceOf(GrammyError);
    await expect(telegramAdapter(failingWith(answer(400, "Bad Request: chat not found")), onBlocked).send("", {}, message)).rejects.toBeInstanceOf(GrammyError);
    await expect(telegramAdapter(failingWith(answer(429, "Too Many Requests", { retry_after: 1 })), onBlocked).send("", {}, message)).rejects.toBeInstanceOf(GrammyError);
    expect(blocked).toEqual(["8201: Forbidden: bot was blocked by the user"]);
  });
});
