/** A task's due time as the shop's clock: "Fri 5 Jun, 15:00". Pure (the queue screen formats with it too). */
export function dueLabel(dueAt: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: timezone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(dueAt);
}
