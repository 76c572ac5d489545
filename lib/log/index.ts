import pino, { type Logger } from "pino";
import { env } from "@/lib/env";
import { traceFields } from "@/lib/tracing";

export type { Logger } from "pino";

let root: Logger | undefined;

/** The process's one logger: JSON lines on stdout (pipe through pino-pretty to read them). */
export function logger(): Logger {
  root ??= pino({
    level: env().LOG_LEVEL,
    base: { pid: process.pid, service: env().SERVICE_NAME },
    timestamp: pino.stdTimeFunctions.isoTime,
    // trace_id/span_id of the active span, so a log line leads to its trace (lib/tracing).
    mixin: traceFields,
    redact: { paths: ["password", "*.password", "passwordHash", "*.passwordHash", "secret", "*.secret", "token", "*.token", "credentials", "*.credentials"], remove: true },
  });
  return root;
}

export function childLogger(component: string): Logger {
  return logger().child({ component });
}
