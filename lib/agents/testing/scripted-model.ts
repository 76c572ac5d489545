import { MockLanguageModelV4 } from "ai/test";
import type { AgentModel } from "../core/provider";

type GenerateResult = Awaited<ReturnType<MockLanguageModelV4["doGenerate"]>>;

/** A scripted model answer: text the "model" returns (JSON or not), or an error it throws (a timeout, a 500). */
export type ScriptedReply = { text: string; inputTokens?: number; outputTokens?: number } | { error: string };

/**
 * The AI SDK's mock language model replaying scripted answers in order, one per call, for unit
 * tests and the eval (no model runs on this machine). Calls beyond the script fail.
 */
export function scriptedModel(replies: readonly ScriptedReply[]): { model: NonNullable<AgentModel>; calls: () => number } {
  let i = 0;
  const mock = new MockLanguageModelV4({
    provider: "scripted",
    modelId: "scripted-v1",
    doGenerate: async (): Promise<GenerateResult> => {
      const reply = replies[i++];
      if (!reply) throw new Error("the script has no more answers");
      if ("error" in reply) throw new Error(reply.error);
      return {
        content: [{ type: "text", text: reply.text }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: { inputTokens: { total: reply.inputTokens ?? 120, noCache: undefined, cacheRead: undefined, cacheWrite: undefined }, outputTokens: { total: reply.outputTokens ?? 40, text: undefined, reasoning: undefined } },
        warnings: [],
      };
    },
  });
  return { model: { provider: "scripted", modelId: "scripted-v1", model: mock, timeoutMs: 5_000 }, calls: () => i };
}
