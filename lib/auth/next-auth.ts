import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { DomainError } from "@/lib/errors";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { clientIp } from "@/lib/security/client-ip";
import { rateLimiter } from "@/lib/security/limiter";
import { walletChainIds } from "@/lib/wallet/settings";
import { signInWithLimits } from "./attempts";
import { SIGN_IN_UNAVAILABLE } from "./messages";
import { parseSessionUser, type SessionUser } from "./session-user";
import { siweExpectationsFor } from "./siwe";
import { siweBindingFromCookieHeader } from "./siwe-binding";
import { siweNonces } from "./siwe-nonces";
import { SESSION_CLOCK_SKEW_MS, SESSION_IDLE_MS, SESSION_MAX_AGE_MS, sessionVerdict } from "./session-rules";
import { signInWithEthereum } from "./siwe-sign-in";
import { loadSessionState } from "./users";

/**
 * next-auth 4 configuration: email + password ("credentials") and Sign-In with Ethereum ("siwe"),
 * both Credentials providers, with JWT sessions that carry the SessionUser (id, email, name, role,
 * shop memberships) and the user's session version. Role and memberships are re-read from the
 * database on sign-in and then at most once every SESSION_REFRESH_SECONDS (a minute), so a
 * demotion, "Sign out everywhere" or a password change takes effect within a minute. Sessions idle
 * for 7 days, or signed in 30 days ago, end; rules in session-rules.ts.
 */

declare module "next-auth" {
  interface Session {
    user?: SessionUser;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    user?: SessionUser;
    /** Epoch ms of the last database refresh of `user`. */
    refreshedAt?: number;
    /** Epoch ms of the last time the browser used the session and got it re-issued. */
    activeAt?: number;
    /** Epoch ms of the sign-in. */
    signedInAt?: number;
    /** The user's session version at sign-in; a newer one in the database ends this session. */
    sessionVersion?: number;
  }
}

/** The cookie (and the JWT in it) lives this long after its last re-issue: the idle limit. */
export const SESSION_MAX_AGE_S = SESSION_IDLE_MS / 1000;

let options: AuthOptions | undefined;

/**
 * next-auth reads process.env.NEXTAUTH_URL itself (to build callback and redirect URLs, on
 * every request) and has no option for it. Our one public-URL setting is APP_URL, so it is copied
 * there once, before next-auth first runs. This is the one write to process.env outside lib/env.
 */
function exportAppUrlForNextAuth(appUrl: string): void {
  // eslint-disable-next-line no-restricted-properties -- next-auth only reads NEXTAUTH_URL from the environment
  process.env.NEXTAUTH_URL = appUrl;
}

/** Built on first use (not at import), so `next build` never needs runtime configuration. */
export function authOptions(): AuthOptions {
  if (options) return options;
  const config = env();
  exportAppUrlForNextAuth(config.APP_URL);
  const log = childLogger("auth");
  const rules = { refreshMs: config.SESSION_REFRESH_SECONDS * 1000, idleMs: SESSION_IDLE_MS, maxAgeMs: SESSION_MAX_AGE_MS, clockSkewMs: SESSION_CLOCK_SKEW_MS };

  options = {
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          try {
            return await signInWithLimits({ db: db(), limiter: rateLimiter(), log }, { email: credentials?.email, password: credentials?.password, ip: clientIp(req.headers) });
          } catch (error) {
            // next-auth passes a thrown message to the client as `error`: our sentence for people.
            if (error instanceof DomainError) throw new Error(error.message);
            log.error({ err: error }, "sign-in failed");
            throw new Error(SIGN_IN_UNAVAILABLE);
          }
        },
      }),
      CredentialsProvider({
        // Sign-In with Ethereum (EIP-4361): the browser signs a message carrying a nonce from
        // POST /api/siwe/nonce (bound to its cookie); see lib/auth/siwe-sign-in.ts.
        id: "siwe",
        name: "Ethereum",
        credentials: { message: { label: "Message", type: "text" }, signature: { label: "Signature", type: "text" } },
        async authorize(credentials, req) {
          try {
            const expected = siweExpectationsFor(config.APP_URL, walletChainIds(config));
            const binding = siweBindingFromCookieHeader(req.headers?.cookie as string | string[] | undefined);
            return await signInWithEthereum({ db: db(), nonces: siweNonces(), log }, { message: credentials?.message, signature: credentials?.signature, binding }, expected);
          } catch (error) {
            if (error instanceof DomainError) throw new Error(error.message);
            log.error({ err: error }, "Sign-In with Ethereum failed");
            throw new Error(SIGN_IN_UNAVAILABLE);
          }
        },
      }),
    ],
    callbacks: {
      // Runs for every request that reads the session; what it returns is stored (the cookie
      // re-issued) only on next-auth's own routes: sign-in and GET /api/auth/session, which
      // <SessionKeeper> calls as the person uses the site. No user in the token = signed out.
      async jwt({ token, user, trigger }) {
        const now = Date.now();
        if (user) {
          const signedIn = parseSessionUser(user);
          if (!signedIn) return { ...token, user: undefined };
          const state = await loadSessionState(db(), signedIn.id);
          if (!state) return { ...token, user: undefined };
          return { ...token, sub: signedIn.id, name: signedIn.name, email: signedIn.email, user: signedIn, sessionVersion: state.sessionVersion, refreshedAt: now, activeAt: now, signedInAt: now };
        }
        const current = parseSessionUser(token.user);
        if (!current) return { ...token, user: undefined };
        const verdict = sessionVerdict(token, now, rules, trigger === "update");
        if (verdict.action === "end") {
          if (verdict.reason === "future") log.warn({ userId: current.id, refreshedAt: token.refreshedAt, activeAt: token.activeAt }, "session refused: its times lie in the future");
          return { ...token, user: undefined };
        }
        if (verdict.action === "keep") return { ...token, activeAt: now };
        try {
          const fresh = await loadSessionState(db(), current.id);
          // A deleted account, or one signed out everywhere since (or with a new password), loses the session.
          if (!fresh || fresh.sessionVersion !== (token.sessionVersion ?? 0)) return { ...token, user: undefined };
          return { ...token, name: fresh.user.name, email: fresh.user.email, user: fresh.user, refreshedAt: now, activeAt: now };
        } catch (error) {
          log.warn({ err: error instanceof Error ? error.message : String(error) }, "session refresh failed; keeping the current claims");
          return token;
        }
      },
      async session({ session, token }) {
        const user = parseSessionUser(token.user);
        return { expires: session.expires, ...(user ? { user } : {}) };
      },
    },
    logger: {
      error: (code, metadata) => log.error({ code, err: metadata instanceof Error ? metadata : (metadata as { error?: unknown }).error }, "next-auth error"),
      warn: (code) => log.warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
  };
  return options;
}
