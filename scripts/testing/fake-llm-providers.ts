import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

/**
 * Local stand-ins for the three language-model providers the agents can use, for tests: the real
 * provider packages (@ai-sdk/openai-compatible, ollama-ai-provider-v2, @ai-sdk/google, built by
 * lib/agents/core/provider.ts) talk to it through their base URL. One server speaks each wire
 * format (non-streaming, as the agents call them):
 * - OpenAI-compatible: POST /v1/chat/completions (`Authorization: Bearer`, `response_format`
 *   json_schema, `tools`, answers with `choices[0].message` content or `tool_calls`, `usage`);
 *   errors as `{ error: { message, type } }`.
 * - Ollama: POST /api/chat with `stream: false` (`format` = the JSON schema, `tools`, answers with
 *   `message` content or `tool_calls` whose arguments are an object, `prompt_eval_count` and
 *   `eval_count`); errors as `{ error: "…" }`.
 * - Gemini: POST /v1beta/models/<model>:generateContent (`x-goog-api-key`, `generationConfig`
 *   `responseMimeType` + `responseJsonSchema`, `tools[].functionDeclarations`, answers with
 *   `candidates[0].content.parts` text or `functionCall`, `usageMetadata`); errors as
 *   `{ error: { code, message, status } }`. With function tools, @ai-sdk/google sends the answer's
 *   schema as one more function (named "json") and reads the answer from that function's call: the
 *   fake answers the same way when the request offers it.
 *
 * Each test scripts what the "model" does next, one reply per request in order (whichever wire it
 * arrives on): an answer (JSON), a tool call, a hang (never answers: the client's timeout), an
 * HTTP status, or raw text (malformed JSON). Every request is recorded for assertions.
 */

export type Wire = "openai-compatible" | "ollama" | "google";

export type FakeReply =
  /** A structured answer: `json` serialised as the model's text (or the "json" function's arguments on Gemini with tools). */
  | { answer: unknown; inputTokens?: number; outputTokens?: number }
  /** The model calls a tool with these arguments. */
  | { toolCall: string; args: Record<string, unknown>; inputTokens?: number; outputTokens?: number }
  /** Text as the model's whole answer, e.g. malformed JSON. */
  | { text: string; inputTokens?: number; outputTokens?: number }
  /** The request is held open until the client gives up (or the fake closes). */
  | { hang: true }
  /** An HTTP error in the provider's error shape. */
  | { status: 500 | 503 | 429; message?: string };

export type RecordedRequest = { wire: Wire; method: string; path: string; headers: IncomingMessage["headers"]; body: Record<string, unknown> };

export type FakeProviders = {
  url: string;
  /** The base URL to configure (AGENT_BASE_URL) for a wire: …/v1, …/api, …/v1beta. */
  baseUrl(wire: Wire): string;
  /** Appends replies to the script. */
  script(...replies: FakeReply[]): void;
  requests: RecordedRequest[];
  /** Forgets requests and any replies still scripted. */
  reset(): void;
  close(): Promise<void>;
};

type Usage = { input: number; output: number };
type Json = Record<string, unknown>;

async function readJson(req: IncomingMessage): Promise<Json | null> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(value));
}

const usageOf = (r: { inputTokens?: number; outputTokens?: number }): Usage => ({ input: r.inputTokens ?? 100, output: r.outputTokens ?? 20 });

/** OpenAI chat completions: one choice; tool calls carry their arguments as a JSON string. */
function openAiReply(res: ServerResponse, body: Json, reply: Exclude<FakeReply, { hang: true } | { status: number }>, n: number): void {
  const u = usageOf(reply);
  const message =
    "toolCall" in reply
      ? { role: "assistant", content: null, tool_calls: [{ id: `call_fake_${n}`, type: "function", function: { name: reply.toolCall, arguments: JSON.stringify(reply.args) } }] }
      : { role: "assistant", content: "answer" in reply ? JSON.stringify(reply.answer) : reply.text };
  send(res, 200, {
    id: `chatcmpl-fake-${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [{ index: 0, message, finish_reason: "toolCall" in reply ? "tool_calls" : "stop" }],
    usage: { prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.input + u.output },
  });
}

/** Ollama /api/chat (stream: false): tool call arguments are an object, not a string. */
function ollamaReply(res: ServerResponse, body: Json, reply: Exclude<FakeReply, { hang: true } | { status: number }>): void {
  const u = usageOf(reply);
  const message =
    "toolCall" in reply
      ? { role: "assistant", content: "", tool_calls: [{ function: { name: reply.toolCall, arguments: reply.args } }] }
      : { role: "assistant", content: "answer" in reply ? JSON.stringify(reply.answer) : reply.text };
  send(res, 200, {
    model: body.model,
    created_at: new Date().toISOString(),
    message,
    done: true,
    done_reason: "stop",
    total_duration: 1_000_000,
    load_duration: 100_000,
    prompt_eval_count: u.input,
    prompt_eval_duration: 400_000,
    eval_count: u.output,
    eval_duration: 500_000,
  });
}

/** The function @ai-sdk/google adds to carry a structured answer when function tools are offered. */
function geminiJsonTool(body: Json): string | null {
  const tools = (body.tools ?? []) as { functionDeclarations?: { name: string; description?: string }[] }[];
  const declared = tools.flatMap((t) => t.functionDeclarations ?? []);
  return declared.find((d) => /^json(_\d+)?$/.test(d.name) && d.description === "Respond with a JSON object.")?.name ?? null;
}

/** Gemini generateContent: one candidate whose parts are text or a functionCall (args an object). */
function geminiReply(res: ServerResponse, body: Json, model: string, reply: Exclude<FakeReply, { hang: true } | { status: number }>): void {
  const u = usageOf(reply);
  const jsonTool = geminiJsonTool(body);
  const part =
    "toolCall" in reply
      ? { functionCall: { name: reply.toolCall, args: reply.args } }
      : "answer" in reply
        ? jsonTool
          ? { functionCall: { name: jsonTool, args: reply.answer } }
          : { text: JSON.stringify(reply.answer) }
        : { text: reply.text };
  send(res, 200, {
    candidates: [{ content: { role: "model", parts: [part] }, finishReason: "STOP", index: 0 }],
    usageMetadata: { promptTokenCount: u.input, candidatesTokenCount: u.output, totalTokenCount: u.input + u.output },
    modelVersion: model,
    responseId: `fake-${Date.now()}`,
  });
}

function errorBody(wire: Wire, status: number, message: string): unknown {
  if (wire === "ollama") return { error: message };
  if (wire === "google") return { error: { code: status, message, status: status === 429 ? "RESOURCE_EXHAUSTED" : status === 503 ? "UNAVAILABLE" : "INTERNAL" } };
  return { error: { message, type: status === 429 ? "rate_limit_exceeded" : "server_error", code: null } };
}

function wireOf(method: string, path: string): { wire: Wire; model?: string } | null {
  if (method !== "POST") return null;
  if (path === "/v1/chat/completions") return { wire: "openai-compatible" };
  if (path === "/api/chat") return { wire: "ollama" };
  const gemini = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(path);
  if (gemini) return { wire: "google", model: decodeURIComponent(gemini[1]!) };
  return null;
}

/**
 * Starts the fake on 127.0.0.1 (port 0 = any free port). `apiKey`, when given, is required as the
 * OpenAI-compatible bearer token and as Gemini's x-goog-api-key (401/403 otherwise, as the real
 * services answer); Ollama has no authentication.
 */
export async function startFakeProviders(opts: { apiKey?: string; port?: number } = {}): Promise<FakeProviders> {
  const requests: RecordedRequest[] = [];
  let replies: FakeReply[] = [];
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      const route = wireOf(req.method ?? "GET", path);
      if (!route) return send(res, 404, { error: `fake: no ${req.method} ${path}` });
      const { wire } = route;
      const body = await readJson(req);
      if (!body) return send(res, 400, errorBody(wire, 400, "request body is not a JSON object"));
      requests.push({ wire, method: req.method ?? "POST", path, headers: req.headers, body });

      if (opts.apiKey && wire === "openai-compatible" && req.headers.authorization !== `Bearer ${opts.apiKey}`) return send(res, 401, errorBody(wire, 401, "Incorrect API key provided"));
      if (opts.apiKey && wire === "google" && req.headers["x-goog-api-key"] !== opts.apiKey) return send(res, 403, errorBody(wire, 403, "API key not valid. Please pass a valid API key."));
      // What each real server refuses before answering: the fake holds clients to the same.
      if (wire !== "google" && (typeof body.model !== "string" || !Array.isArray(body.messages))) return send(res, 400, errorBody(wire, 400, "model and messages are required"));
      if (wire === "ollama" && body.stream !== false) return send(res, 400, errorBody(wire, 400, "fake: only stream: false is spoken here"));
      if (wire === "google" && !Array.isArray(body.contents)) return send(res, 400, errorBody(wire, 400, "contents is required"));

      const reply = replies.shift();
      if (!reply) return send(res, 500, errorBody(wire, 500, "fake: the test scripted no more replies"));
      if ("hang" in reply) {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      if ("status" in reply) return send(res, reply.status, errorBody(wire, reply.status, reply.message ?? "The server had an error while processing your request."));
      if (wire === "openai-compatible") return openAiReply(res, body, reply, requests.length);
      if (wire === "ollama") return ollamaReply(res, body, reply);
      return geminiReply(res, body, route.model!, reply);
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: `fake crashed: ${String(error)}` });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    baseUrl: (wire) => `${url}${wire === "openai-compatible" ? "/v1" : wire === "ollama" ? "/api" : "/v1beta"}`,
    script: (...more) => void replies.push(...more),
    requests,
    reset() {
      requests.length = 0;
      replies = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a request asked for, read the same way for the three wires (for assertions). */
export function describeRequest(r: RecordedRequest): {
  model: string | undefined;
  /** The JSON schema the answer must follow, where the wire carries one. */
  schema: unknown;
  /** Names of the function tools offered (Gemini's "json" answer function not included). */
  tools: string[];
  /** Tool results sent back in this request (content as the client serialised it). */
  toolResults: { name: string | null; content: unknown }[];
  /** The system instruction's text. */
  system: string | undefined;
} {
  const b = r.body as Json & {
    messages?: { role: string; content: unknown; tool_call_id?: string; tool_name?: string }[];
    tools?: { function?: { name: string }; functionDeclarations?: { name: string; parameters?: unknown; parametersJsonSchema?: unknown }[] }[];
    response_format?: { json_schema?: { schema?: unknown } };
    generationConfig?: { responseJsonSchema?: unknown; responseSchema?: unknown };
    contents?: { role: string; parts: { functionResponse?: { name: string; response: { content?: unknown } } }[] }[];
    systemInstruction?: { parts: { text: string }[] };
  };
  if (r.wire === "google") {
    const jsonTool = geminiJsonTool(r.body);
    const declared = (b.tools ?? []).flatMap((t) => t.functionDeclarations ?? []);
    const answerFn = declared.find((d) => d.name === jsonTool);
    return {
      model: /models\/([^:]+):/.exec(r.path)?.[1],
      schema: b.generationConfig?.responseJsonSchema ?? b.generationConfig?.responseSchema ?? answerFn?.parameters ?? answerFn?.parametersJsonSchema,
      tools: declared.map((d) => d.name).filter((n) => n !== jsonTool),
      toolResults: (b.contents ?? []).flatMap((c) => c.parts.flatMap((p) => (p.functionResponse ? [{ name: p.functionResponse.name, content: p.functionResponse.response.content }] : []))),
      system: b.systemInstruction?.parts.map((p) => p.text).join("\n"),
    };
  }
  const messages = b.messages ?? [];
  return {
    model: typeof b.model === "string" ? b.model : undefined,
    schema: r.wire === "ollama" ? b.format : b.response_format?.json_schema?.schema,
    tools: (b.tools ?? []).flatMap((t) => (t.function ? [t.function.name] : [])),
    toolResults: messages.filter((m) => m.role === "tool").map((m) => ({ name: m.tool_name ?? null, content: m.content })),
    system: messages.find((m) => m.role === "system")?.content as string | undefined,
  };
}
