import { createHash, randomBytes } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * A small sliding-window rate limiter on Redis. Each (rule, subject) pair is a sorted set of hit
 * timestamps; one Lua script drops hits older than the window, counts, and records a hit, so
 * concurrent requests across app instances see one consistent count.
 *
 * - `peek`: is the subject still allowed? (records nothing; check before doing the work)
 * - `hit`: record one event (e.g. a failed sign-in) and return the new state
 * - `consume`: record one event only if allowed (e.g. a sign-up attempt): the classic limiter
 * - `release`: take back one event `consume` recorded (an attempt that turned out not to count,
 *   e.g. a right pickup code): consume-then-release counts only failures, yet atomically, so
 *   parallel attempts cannot all pass a check made before any of them is counted
 * - `reset`: forget the subject (e.g. after a successful sign-in)
 *
 * Subjects (emails, IPs) are hashed into the key: Redis never holds them in clear.
 */

export type RateLimitRule = {
  /** Short, stable name: part of the key ("signin-email"). */
  name: string;
  /** Events allowed within the window. */
  limit: number;
  windowMs: number;
};

export type RateLimitState = {
  allowed: boolean;
  /** Events counted in the current window. */
  count: number;
  remaining: number;
  /** When not allowed: how long until one more event is allowed; else 0. */
  retryAfterMs: number;
};

/** What `consume` recorded, to `release` it again; null when it was refused. */
export type ConsumedState = RateLimitState & { token: string | null };

export type RateLimiter = {
  peek(rule: RateLimitRule, subject: string, now?: number): Promise<RateLimitState>;
  hit(rule: RateLimitRule, subject: string, now?: number): Promise<RateLimitState>;
  consume(rule: RateLimitRule, subject: string, now?: number): Promise<ConsumedState>;
  release(rule: RateLimitRule, subject: string, token: string): Promise<void>;
  reset(rule: RateLimitRule, subject: string): Promise<void>;
};

// KEYS[1] = set; ARGV = now, windowMs, limit, mode (0 peek, 1 hit, 2 consume), member.
// Returns { count after, score of the hit whose expiry frees a slot (or -1), recorded (0/1) }.
const SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local mode = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local count = redis.call('ZCARD', key)
local recorded = 0
if mode == 1 or (mode == 2 and count < limit) then
  redis.call('ZADD', key, now, ARGV[5])
  redis.call('PEXPIRE', key, window)
  count = count + 1
  recorded = 1
end
local freeAt = -1
if count >= limit then
  local entry = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
  if entry[2] then freeAt = tonumber(entry[2]) end
end
return { count, freeAt, recorded }
`;

const MODES = { peek: 0, hit: 1, consume: 2 } as const;

export function subjectKey(prefix: string, rule: RateLimitRule, subject: string): string {
  const digest = createHash("sha256").update(subject).digest("base64url").slice(0, 22);
  return `${prefix}rl:${rule.name}:${digest}`;
}

export function createRateLimiter(client: Redis, prefix: string): RateLimiter {
  async function run(mode: keyof typeof MODES, rule: RateLimitRule, subject: string, now = Date.now()): Promise<ConsumedState> {
    const member = `${now}:${randomBytes(6).toString("base64url")}`;
    const reply = (await client.eval(SCRIPT, 1, subjectKey(prefix, rule, subject), now, rule.windowMs, rule.limit, MODES[mode], member)) as [number, number, number];
    const [count, freeAt, recorded] = reply;
    // `consume` that was refused, or a count at the limit, means: no further event is allowed now.
    const allowed = mode === "consume" ? recorded === 1 : mode === "peek" ? count < rule.limit : count <= rule.limit;
    const blockedNext = count >= rule.limit;
    return {
      allowed,
      count,
      remaining: Math.max(0, rule.limit - count),
      retryAfterMs: blockedNext && freeAt >= 0 ? Math.max(0, freeAt + rule.windowMs - now) : 0,
      token: recorded === 1 ? member : null,
    };
  }
  const state = ({ token: _token, ...rest }: ConsumedState): RateLimitState => rest;
  return {
    peek: async (rule, subject, now) => state(await run("peek", rule, subject, now)),
    hit: async (rule, subject, now) => state(await run("hit", rule, subject, now)),
    consume: (rule, subject, now) => run("consume", rule, subject, now),
    release: async (rule, subject, token) => {
      await client.zrem(subjectKey(prefix, rule, subject), token);
    },
    reset: async (rule, subject) => {
      await client.del(subjectKey(prefix, rule, subject));
    },
  };
}

/**
 * Consumes one event of every rule for its subject, all or nothing: when one refuses, the events
 * already recorded are released and the refusal (the longest wait) is returned.
 */
export async function consumeAll(limiter: RateLimiter, checks: readonly { rule: RateLimitRule; subject: string }[], now?: number): Promise<{ allowed: true; release(): Promise<void> } | { allowed: false; retryAfterMs: number }> {
  const states = await Promise.all(checks.map(({ rule, subject }) => limiter.consume(rule, subject, now)));
  const release = async () => {
    await Promise.all(states.map((s, i) => (s.token ? limiter.release(checks[i]!.rule, checks[i]!.subject, s.token) : undefined)));
  };
  const refused = states.filter((s) => !s.allowed);
  if (refused.length === 0) return { allowed: true, release };
  await release();
  return { allowed: false, retryAfterMs: Math.max(...refused.map((s) => s.retryAfterMs)) };
}

/** "Too many attempts. Try again in 12 minutes." */
export function tooManyAttemptsMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}
