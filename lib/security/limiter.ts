import { env } from "@/lib/env";
import { createRateLimiter, type RateLimiter } from "./rate-limit";
import { redis } from "./redis";

let limiter: RateLimiter | undefined;

/** The app's rate limiter: the shared Redis connection, keys under REDIS_KEY_PREFIX. */
export function rateLimiter(): RateLimiter {
  limiter ??= createRateLimiter(redis(), env().REDIS_KEY_PREFIX);
  return limiter;
}
