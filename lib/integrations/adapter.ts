/**
 * One outside service, as the delivery engine sees it: check a credential, send one rendered
 * message, and say what a failure means. Retries, circuit breaking, the log and dead letters are
 * the engine's (lib/integrations/dispatcher.ts), never the adapter's.
 */
export type Adapter<Config, Message> = {
  /** Asks the service whether the credential works; a clear sentence when it does not. */
  verify(credential: string, config: Config): Promise<{ ok: true; label: string } | { ok: false; reason: string }>;
  /** Sends; returns the service's id for what was created. */
  send(credential: string, config: Config, message: Message, ctx?: SendContext): Promise<string>;
  classify(error: unknown): Failure;
};

/** What the engine offers a send: a service that hands out a new credential (X rotates its OAuth refresh tokens) stores it here before using it. */
export type SendContext = { saveCredential(credential: string): Promise<void> };

/**
 * transient: try again (with backoff; `retryAfterMs` when the service said how long);
 * credential: the service refuses our credential or destination: hold deliveries until an admin fixes it;
 * permanent: this message will never be accepted: dead-letter it.
 */
export type Failure = { kind: "transient"; reason: string; retryAfterMs?: number } | { kind: "credential"; reason: string } | { kind: "permanent"; reason: string };
