import { generateText, isStepCount, Output, type ToolSet } from "ai";
import type { z } from "zod";
import { costMicroUsd } from "./cost";
import type { AgentModel } from "./provider";

/** One tool the model called while deciding, with what the tool answered (recorded on the run). */
export type ToolCallRecord = { attempt: number; tool: string; input: unknown; output: unknown };

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
  /** Estimated cost of the model calls in micro-USD (refused attempts included); null = no price configured, or rules. */
  costMicroUsd: number | null;
  /** Tools the model called, over every attempt. */
  toolCalls: ToolCallRecord[];
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
  /**
   * Read-only tools the model may call before answering (AI SDK `tool()`, zod input schema,
   * executed here). The model then gets up to `maxSteps` calls in all per attempt.
   */
  tools?: ToolSet;
  maxSteps?: number;
};

const ATTEMPTS = 2;
/** Tool calls, then the answer: a model still calling tools after this many steps is refused. */
const DEFAULT_MAX_STEPS = 4;

/** The rules decided (no model configured, or nothing for a model to decide). */
export function rulesDecision<T>(output: T): Decision<T> {
  return { output, provider: "rules", model: null, outcome: "OK", error: null, inputTokens: null, outputTokens: null, costMicroUsd: null, toolCalls: [] };
}

/**
 * Asks the model for a structured answer and accepts it only when it parses against the schema
 * and passes the agent's existence checks; a refused answer (malformed, hallucinated, timed out,
 * a provider error, still calling tools at the step limit) is retried once, then the rules
 * decide. Bad model output never acts. The timeout covers the whole attempt, tool calls included.
 */
export async function decide<T>(opts: DecideOptions<T>): Promise<Decision<T>> {
  if (!opts.model) return rulesDecision(opts.rules());
  const { model, provider, modelId, timeoutMs } = opts.model;
  const problems: string[] = [];
  const toolCalls: ToolCallRecord[] = [];
  let inputTokens = 0;
  let outputTokens = 0;
  const decided = (output: T, outcome: Decision<T>["outcome"]): Decision<T> => ({
    output,
    provider,
    model: modelId,
    outcome,
    error: problems.length > 0 ? problems.join("\n") : null,
    inputTokens,
    outputTokens,
    costMicroUsd: costMicroUsd(opts.model?.prices ?? null, inputTokens, outputTokens),
    toolCalls,
  });
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const result = await generateText({
        model,
        system: opts.system,
        prompt: opts.prompt,
        output: Output.object({ schema: opts.schema }),
        ...(opts.tools ? { tools: opts.tools, stopWhen: isStepCount(opts.maxSteps ?? DEFAULT_MAX_STEPS) } : {}),
        maxRetries: 0,
        abortSignal: AbortSignal.timeout(timeoutMs),
        // Counted per step, so the tokens of an answer that then fails to parse are not lost.
        onStepEnd: (step) => {
          inputTokens += step.usage.inputTokens ?? 0;
          outputTokens += step.usage.outputTokens ?? 0;
          for (const r of step.toolResults) toolCalls.push({ attempt, tool: r.toolName, input: r.input, output: r.output });
        },
      });
      // Throws when the last step was still a tool call (the step limit was reached without an answer).
      const output = result.output;
      const refused = opts.check(output);
      if (refused.length === 0) return decided(output, "OK");
      problems.push(`attempt ${attempt}: ${refused.join("; ")}`);
    } catch (error) {
      problems.push(`attempt ${attempt}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`.slice(0, 500));
    }
  }
  return decided(opts.rules(), "FALLBACK");
}
