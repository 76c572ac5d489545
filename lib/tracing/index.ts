import { AsyncLocalStorage } from "node:async_hooks";
import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from "@opentelemetry/sdk-trace";
import { env } from "@/lib/env";

/**
 * OpenTelemetry tracing: one trace follows an order from the POST through placement, its outbox
 * row, the relay, Kafka and every consumer. The W3C `traceparent` travels in the outbox row
 * (`trace_parent`) and in each Kafka message's headers. With OTEL_EXPORTER_OTLP_ENDPOINT unset,
 * nothing is registered and every helper here is a cheap no-op (the API's no-op tracer).
 * Next.js creates the request's server span itself once a provider is registered.
 */

const TRACER = "go-coffee";
const holder = globalThis as typeof globalThis & { __goCoffeeTracing?: TracerProvider };

/** Registers the tracer provider of this process (idempotent). Returns false when tracing is off. */
export function startTracing(serviceName = env().SERVICE_NAME): boolean {
  const e = env();
  if (!e.OTEL_EXPORTER_OTLP_ENDPOINT) return false;
  if (holder.__goCoffeeTracing) return true;
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName, "service.namespace": e.OTEL_SERVICE_NAMESPACE, "deployment.environment.name": e.NODE_ENV, "cloud.region": e.DEPLOYMENT_REGION }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(e.OTEL_TRACES_SAMPLER_RATIO) }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, "")}/v1/traces` }), scheduledDelayMillis: 1000 })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  holder.__goCoffeeTracing = provider;
  return true;
}

/** Sends the spans still buffered (on shutdown). */
export async function flushTracing(): Promise<void> {
  await holder.__goCoffeeTracing?.forceFlush().catch(() => undefined);
}

export function tracer() {
  return trace.getTracer(TRACER);
}

/** Runs fn inside a new active span; records an exception and error status if it throws. */
export async function inSpan<T>(name: string, attributes: Record<string, string | number>, fn: (span: Span) => Promise<T>, options: { kind?: SpanKind; parent?: Context } = {}): Promise<T> {
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes }, options.parent ?? context.active(), async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** The W3C traceparent of a context (default: the active one), or null when nothing is traced. */
export function traceparentOf(ctx: Context = context.active()): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent ?? null;
}

/** The context a traceparent (from a Kafka header or an outbox row) continues. */
export function contextFrom(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(context.active(), { traceparent }) : context.active();
}

/**
 * A consumer handles many events in one transaction, each from its own trace. While it runs, the
 * events it writes to the outbox take the trace of the event they follow from (same key = same
 * order), not whichever context happens to be active.
 */
const keyed = new AsyncLocalStorage<Map<string, Context>>();

export function withKeyedContexts<T>(contexts: Map<string, Context>, fn: () => Promise<T>): Promise<T> {
  return keyed.run(contexts, fn);
}

/** The traceparent an outgoing event with this key should carry (see withKeyedContexts). */
export function traceparentForKey(key: string): string | null {
  const ctx = keyed.getStore()?.get(key);
  return traceparentOf(ctx ?? context.active());
}

/** trace_id/span_id of the active span for log lines (pino mixin); empty when none. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

export { SpanKind };

type Traced = { key: string; type: string; id: string; traceparent: string | null | undefined };

/**
 * One span per message (kind `kind`), each a child of the trace its message carries. Returns the
 * contexts by key (for withKeyedContexts), the traceparent of each span (for outgoing headers) and
 * end(), which closes them all, with an error status when given one.
 */
export function startMessageSpans(name: (t: Traced) => string, kind: SpanKind, items: readonly Traced[], attributes: Record<string, string> = {}) {
  const spans: Span[] = [];
  const contexts = new Map<string, Context>();
  const traceparents: (string | null)[] = [];
  for (const item of items) {
    if (!item.traceparent) {
      traceparents.push(null);
      continue;
    }
    const parent = contextFrom(item.traceparent);
    const span = tracer().startSpan(name(item), { kind, attributes: { ...attributes, "messaging.system": "kafka", "messaging.message.id": item.id, "gocoffee.event.type": item.type, "gocoffee.event.key": item.key } }, parent);
    const ctx = trace.setSpan(parent, span);
    spans.push(span);
    contexts.set(item.key, ctx);
    traceparents.push(traceparentOf(ctx));
  }
  return {
    contexts,
    traceparents,
    /** The first traced message's context, to run shared work (one transaction) in. */
    first: contexts.values().next().value as Context | undefined,
    end(error?: unknown) {
      for (const span of spans) {
        if (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      }
    },
  };
}

/** Runs fn in ctx when given (else as is). */
export function runIn<T>(ctx: Context | undefined, fn: () => T): T {
  return ctx ? context.with(ctx, fn) : fn();
}
