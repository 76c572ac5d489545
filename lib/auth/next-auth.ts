import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { DomainError } from "@/lib/actions/result";
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
import { signInWithEthereum } from "./siwe-sign-in";
import { loadSessionUser } from "./users";

/**
 * next-auth 4 configuration: email + password ("credentials") and Sign-In with Ethereum ("siwe"),
 * both Credentials providers, with JWT sessions that carry the SessionUser (id, email, name, role,
 * shop memberships). Role and memberships are re-read from the database on sign-in and then at
 * most once a minute, so a demotion takes effect within a minute.
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
  }
}

export const SESSION_REFRESH_MS = 60_000;
export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

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
      async jwt({ token, user, trigger }) {
        const now = Date.now();
        if (user) {
          const signedIn = parseSessionUser(user);
          return signedIn ? { ...token, sub: signedIn.id, name: signedIn.name, email: signedIn.email, user: signedIn, refreshedAt: now } : { ...token, user: undefined };
        }
        const current = parseSessionUser(token.user);
        if (!current) return { ...token, user: undefined };
        if (trigger !== "update" && token.refreshedAt && now - token.refreshedAt < SESSION_REFRESH_MS) return token;
        try {
          const fresh = await loadSessionUser(db(), current.id);
          // A deleted account loses its session: no user in the token means signed out.
          return fresh ? { ...token, name: fresh.name, email: fresh.email, user: fresh, refreshedAt: now } : { ...token, user: undefined };
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
