import { ConfigError, env } from "@/lib/env";
import { updateIfDecidedMeanwhile } from "@/lib/integrations/agents";
import { createDispatcher, kafkaDeadLetter } from "@/lib/integrations/dispatcher";
import { resumeEmailChannel } from "@/lib/integrations/email/channel";
import { INTEGRATIONS_CONSUMER, integrationHandlers } from "@/lib/integrations/handlers";
import { integrationSettings } from "@/lib/integrations/setup";
import { recordDailySheets, reviseDailySheets } from "@/lib/integrations/sheets/daily";
import { recordDailySummaries } from "@/lib/integrations/summary";
import { createProducer } from "@/lib/kafka/client";
import { TOPICS, prefixed } from "@/lib/kafka/topics";
import { WEB_PUSH_CONSUMER, webPushNotifier, webPushSender } from "@/lib/push/send";
import { consumeBatches, type WorkerDefinition } from "./runtime";

/** How often due deliveries are looked for when nothing woke the dispatcher (recorded by another process, a retry coming due). */
const DISPATCH_EVERY_MS = 500;
/** How often the daily summaries are checked (each shop's day is recorded once, after its local midnight). */
const SUMMARIES_EVERY_MS = 10 * 60_000;

/**
 * Integrations: alerts from order and payment events, the agents' alerts and their proposals for
 * approval become deliveries (lib/integrations/handlers.ts),
 * the dispatcher sends them to Slack with retries, a circuit breaker per connection and dead
 * letters (lib/integrations/dispatcher.ts), and the daily sales summaries (Slack) and the shops' days (Google Sheets) are recorded once a day.
 * The same consumer records customers' email receipts, and the same dispatcher sends every mail
 * (receipts, the notifier's alert mails) through the mail channel (lib/integrations/email).
 * With VAPID keys set, a second consumer pushes "your order is ready" to the devices that asked (lib/push).
 */
export const integrationsWorker: WorkerDefinition = {
  name: "integrations",
  description: "Sends alerts (orders, payments, agents), proposals to approve and daily summaries to connected services (Slack) and mail (receipts, alert mails), with retries, circuit breaking and a delivery log",
  async start(ctx) {
    const { db, kafka, kafkaSettings, log } = ctx;
    let settings: ReturnType<typeof integrationSettings>;
    try {
      settings = integrationSettings(env());
    } catch (error) {
      // Production without INTEGRATIONS_KEYS: credentials cannot be read, so nothing is consumed or
      // sent (events stay in Kafka for when keys are set). Idle rather than crash-looping.
      if (!(error instanceof ConfigError)) throw error;
      log.error(error.message + " — integrations stay off");
      return { stop: async () => undefined };
    }
    const { ring, slack, email, clickup, mastodon, sheets, airtable, x } = settings;
    // SMTP_URL may have been fixed since a refused login held the mail channel: resume it.
    await resumeEmailChannel(db);
    const producer = createProducer(kafka);
    await producer.connect();
    const appUrl = env().APP_URL;
    const dispatcher = createDispatcher({
      db,
      ring,
      slack,
      email,
      clickup,
      mastodon,
      x,
      sheets,
      airtable,
      log,
      // A proposal decided while its post waited to be sent: the fresh post's buttons go at once.
      afterDelivered: (posted) => updateIfDecidedMeanwhile(db, posted, appUrl),
      deadLetter: kafkaDeadLetter(producer, prefixed(kafkaSettings.prefix, TOPICS.integrationsDeadLetter)),
    });
    // A quarter second of linger: alerts and receipts are not urgent to the millisecond, and every fetch of a busy
    // topic costs the broker and this process for events it mostly ignores.
    const sending = dispatcher.start(DISPATCH_EVERY_MS);
    // A batch that recorded deliveries wakes the dispatcher: they go out now, not at its next look.
    const consumer = await consumeBatches(ctx, {
      name: INTEGRATIONS_CONSUMER,
      topics: [TOPICS.orderEvents, TOPICS.paymentEvents, TOPICS.agentAlerts, TOPICS.agentProposals, TOPICS.agentTasks, TOPICS.catalogEvents],
      lingerMs: 250,
      batch: integrationHandlers(appUrl),
      onOutcome: (outcome) => {
        if (outcome === "handled") sending.wake();
      },
    });

    // Web Push to customers' devices: its own consumer group, so a slow push service never holds the alerts (and back).
    // No linger: with one the broker answers an empty fetch every lingerMs, all day; a push is one event anyway.
    const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY, VAPID_SUBJECT } = env();
    const pushing =
      VAPID_PUBLIC_KEY && VAPID_PRIVATE_KEY
        ? await consumeBatches(ctx, { name: WEB_PUSH_CONSUMER, topics: [TOPICS.orderEvents], lingerMs: 0, batch: webPushNotifier(webPushSender({ publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY, subject: VAPID_SUBJECT })) })
        : (log.info("VAPID keys not set: no Web Push"), null);

    const summaries = () => {
      void recordDailySummaries(db).then((n) => n > 0 && log.info({ recorded: n }, "daily summaries recorded"), (err: unknown) => log.warn({ err }, "daily summaries failed"));
      void recordDailySheets(db)
        .then((n) => n > 0 && log.info({ recorded: n }, "daily sheets recorded"))
        .then(() => reviseDailySheets(db))
        .then((n) => n > 0 && log.info({ revised: n }, "changed days re-sent to the sheets"))
        .catch((err: unknown) => log.warn({ err }, "daily sheets failed"));
    };
    summaries();
    const timer = setInterval(summaries, SUMMARIES_EVERY_MS);

    return {
      async stop() {
        clearInterval(timer);
        await consumer.stop();
        await pushing?.stop();
        await sending.stop();
        dispatcher.shutdown();
        await producer.disconnect();
      },
    };
  },
};
