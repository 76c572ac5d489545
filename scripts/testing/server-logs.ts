import { existsSync, readFileSync } from "node:fs";

/**
 * What the app server and the workers said during an e2e run, for the failures CI reports: their
 * output goes to files (playwright.config.ts, E2E_LOG_DIR), and when a test fails or is flaky the
 * run prints their warnings and errors, the last `max` of each. Without them a failure seen only in
 * CI's output (a consumer retrying, a server error behind a page) leaves nothing to go on.
 */
export function serverLogExcerpt(file: string, max = 40): string[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, "utf8").split("\n").filter(isWarningOrError);
  return lines.slice(-max).map((line) => (line.length > 600 ? `${line.slice(0, 600)}…` : line));
}

/** pino's JSON lines at warn (40) and above; any other line that names an error or a warning. */
export function isWarningOrError(line: string): boolean {
  if (line.trim() === "") return false;
  if (line.startsWith("{")) {
    try {
      const level = (JSON.parse(line) as { level?: unknown }).level;
      if (typeof level === "number") return level >= 40;
    } catch {
      // not JSON after all: judged by its words below
    }
  }
  return /\b(error|warn(ing)?|unhandled|exception)\b/i.test(line);
}
