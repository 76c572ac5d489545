import { memoByKey } from "@/lib/memo";

/**
 * A moment as staff read it in their shop's timezone, 24-hour: "15:00", or with the day: "Fri 15:00".
 * One formatter per timezone (made once: Intl formats are costly to make). Pure and browser-safe.
 */
const clock = memoByKey((timeZone) => new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }));
const dayClock = memoByKey((timeZone) => new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }));

export const shopTime = (at: Date | number, timeZone: string) => clock(timeZone).format(at);
export const shopDayTime = (at: Date | number, timeZone: string) => dayClock(timeZone).format(at);
