import { memoByKey } from "@/lib/memo";

/**
 * Opening hours in a shop's own timezone. Pure: the caller passes `now`.
 * Intervals are minutes after local midnight on a weekday (0 = Sunday); closesMinute may pass
 * 1440 for hours that run past midnight.
 */

export type OpeningInterval = { weekday: number; opensMinute: number; closesMinute: number };

export type OpeningState =
  /** closesAt null: open around the clock. */
  | { open: true; closesAt: LocalTime | null }
  | { open: false; opensAt: LocalTime | null };

/** A moment in the shop's local week. */
export type LocalTime = { weekday: number; minute: number };

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

const weekdayAndTime = memoByKey((timeZone) => new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }));

export function localTime(now: Date, timeZone: string): LocalTime {
  const parts = weekdayAndTime(timeZone).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const weekday = WEEKDAYS.indexOf(get("weekday") as (typeof WEEKDAYS)[number]);
  return { weekday, minute: Number(get("hour")) * 60 + Number(get("minute")) };
}

export function openingState(intervals: readonly OpeningInterval[], timeZone: string, now: Date): OpeningState {
  const local = localTime(now, timeZone);
  const nowInWeek = local.weekday * MINUTES_PER_DAY + local.minute;

  // Work in minutes of the week; an interval may wrap from Saturday night into Sunday.
  const spans = intervals.map((i) => {
    const start = i.weekday * MINUTES_PER_DAY + i.opensMinute;
    return { start, end: start + (i.closesMinute - i.opensMinute) };
  });
  for (const span of spans) {
    for (const shift of [0, -MINUTES_PER_WEEK]) {
      if (nowInWeek >= span.start + shift && nowInWeek < span.end + shift) {
        return { open: true, closesAt: closingTime(spans, span.end + shift, nowInWeek) };
      }
    }
  }
  const next = spans
    .map((s) => (s.start > nowInWeek ? s.start : s.start + MINUTES_PER_WEEK))
    .sort((a, b) => a - b)[0];
  return { open: false, opensAt: next === undefined ? null : toLocal(next) };
}

/** Follows back-to-back intervals (Fri 07:00-24:00 then Sat 00:00-02:00) to the real closing time. */
function closingTime(spans: readonly { start: number; end: number }[], end: number, from: number): LocalTime | null {
  let closes = end;
  for (let guard = 0; guard <= spans.length; guard++) {
    if (closes - from >= MINUTES_PER_WEEK) return null;
    const at = ((closes % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
    const next = spans.find((s) => s.start === at && s.end > s.start);
    if (!next) break;
    closes += next.end - next.start;
  }
  return closes - from >= MINUTES_PER_WEEK ? null : toLocal(closes);
}

function toLocal(minuteOfWeek: number): LocalTime {
  const m = ((minuteOfWeek % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  return { weekday: Math.floor(m / MINUTES_PER_DAY), minute: m % MINUTES_PER_DAY };
}

export function formatClock(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** "Open until 19:00", "Closed, opens 07:00", "Closed, opens Mon 07:00". */
export function describeOpeningState(state: OpeningState, today: number): string {
  if (state.open) return state.closesAt ? `Open until ${formatClock(state.closesAt.minute)}` : "Open 24 hours";
  if (!state.opensAt) return "Closed";
  const day = state.opensAt.weekday === today ? "" : `${WEEKDAYS[state.opensAt.weekday]} `;
  return `Closed, opens ${day}${formatClock(state.opensAt.minute)}`;
}
