import { generateText, Output } from "ai";
import type { z } from "zod";
import type { AgentModel } from "./provider";

/** How one decision was made: by the model, or by the rules (configured so, or after the model failed). */
export type Decision<T> = {
  output: T;
  /** "rules" when the deterministic path decided. */
  provider: string;
  model: string | null;
  outcome: "OK" | "FALLBACK";
  /** Why the model's answers were refused (one line per attempt), when they were. */
  error: string | null;
  inputTokens: number | null;
  outputTokens: number | null;
};

export type DecideOptions<T> = {
  model: AgentModel;
  system: string;
  prompt: string;
  schema: z.ZodType<T>;
  /** Problems with an answer that parsed: names that do not exist, quantities out of bounds. Empty = acceptable. */
  check: (output: T) => string[];
  /** The deterministic answer: used without a model, and when the model fails twice. */
  rules: () => T;
};

const ATTEMPTS = 2;

/**
 * Asks the model for a structured answer and accepts it only when it parses against the schema
 * and passes the agent's existence checks; a refused answer (malformed, hallucinated, timed out,
 * a provider error) is retried once, then the rules decide. Bad model output never acts.
 */
export async function decide<T>(opts: DecideOptions<T>): Promise<Decision<T>> {
  if (!opts.model) return { output: opts.rules(), provider: "rules", model: null, outcome: "OK", error: null, inputTokens: null, outputTokens: null };
  const { model, provider, modelId, timeoutMs } = opts.model;
  const problems: string[] = [];
  let inputTokens = 0;
  let outputTokens = 0;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const result = await generateText({ model, system: opts.system, prompt: opts.prompt, output: Output.object({ schema: opts.schema }), maxRetries: 0, abortSignal: AbortSignal.timeout(timeoutMs) });
      inputTokens += result.usage.inputTokens ?? 0;
      outputTokens += result.usage.outputTokens ?? 0;
      const output = result.output;
      const refused = opts.check(output);
      if (refused.length === 0) return { output, provider, model: modelId, outcome: "OK", error: problems.length > 0 ? problems.join("\n") : null, inputTokens, outputTokens };
      problems.push(`attempt ${attempt}: ${refused.join("; ")}`);
    } catch (error) {
      problems.push(`attempt ${attempt}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.slice(0, 500));
    }
  }
  return { output: opts.rules(), provider, model: modelId, outcome: "FALLBACK", error: problems.join("\n"), inputTokens, outputTokens };
}
