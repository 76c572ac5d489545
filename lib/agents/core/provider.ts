import { createGoogle } from "@ai-sdk/google";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModel } from "ai";
import { createOllama } from "ollama-ai-provider-v2";
import type { Env } from "@/lib/env";
import type { TokenPrices } from "./cost";

/**
 * The language model the agents ask, or null: no provider configured, every agent uses its rules.
 * `prices` (per million tokens, micro-USD) gives each run its cost estimate; null = unknown.
 */
export type AgentModel = { provider: string; modelId: string; model: LanguageModel; timeoutMs: number; prices?: TokenPrices | null } | null;

type ProviderSettings = Pick<Env, "AGENT_PROVIDER" | "AGENT_MODEL" | "AGENT_BASE_URL" | "AGENT_API_KEY" | "AGENT_TIMEOUT_MS"> &
  Partial<Pick<Env, "AGENT_INPUT_PRICE_PER_MTOK" | "AGENT_OUTPUT_PRICE_PER_MTOK">>;

/**
 * Builds the model from configuration. Always a model instance: a bare model-id string would be
 * sent to a hosted gateway.
 */
export function agentModel(settings: ProviderSettings): AgentModel {
  const { AGENT_PROVIDER: provider, AGENT_MODEL: modelId, AGENT_BASE_URL: baseURL, AGENT_API_KEY: apiKey, AGENT_TIMEOUT_MS: timeoutMs } = settings;
  if (provider === "none" || !modelId) return null;
  const { AGENT_INPUT_PRICE_PER_MTOK: input, AGENT_OUTPUT_PRICE_PER_MTOK: output } = settings;
  const prices = input !== undefined && output !== undefined ? { inputPerMTok: input, outputPerMTok: output } : null;
  switch (provider) {
    case "google":
      return { provider, modelId, timeoutMs, prices, model: createGoogle({ apiKey, ...(baseURL ? { baseURL } : {}) })(modelId) };
    case "ollama":
      return { provider, modelId, timeoutMs, prices, model: createOllama(baseURL ? { baseURL } : {})(modelId) };
    case "openai-compatible":
      if (!baseURL) return null;
      return { provider, modelId, timeoutMs, prices, model: createOpenAICompatible({ name: "openai-compatible", baseURL, apiKey, supportsStructuredOutputs: true })(modelId) };
  }
}
