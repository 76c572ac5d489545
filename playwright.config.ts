import { defineConfig, devices } from "@playwright/test";
import { SERVER_NODE_FLAGS } from "./lib/startup/node-flags";

/**
 * End-to-end tests against a production build (`next start`) and the real workers. scripts/test.ts
 * builds the app, prepares an isolated, seeded database and passes its settings in the
 * environment; run `npm run test:e2e` to do all of that, not `playwright test` directly.
 */
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// Tests drive Chromium's headless-only build (scripts/infra/chromium.ts says why); the one spec
// that needs what only the full browser has (notification permission: the headless build always
// answers "denied") drives the full one.
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell";
const fullChromium = process.env.CHROMIUM_FULL_PATH ?? "/usr/bin/chromium";
// This machine has no route to the internet: keep Chromium from trying.
const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];
const needsFullBrowser = /push-notifications\.spec\.ts/;
// The app and the integrations worker talk to a local fake Slack, ClickUp, Google, Airtable and push service (scripts/testing/fake-slack.ts,
// fake-clickup.ts, fake-google.ts, fake-airtable.ts, fake-push.ts); their ports follow the app's, so checkouts running e2e side by side do not collide.
const fakeSlackPort = Number(process.env.E2E_FAKE_SLACK_PORT ?? port + 6410);
const fakeClickUpPort = fakeSlackPort + 2;
const fakeGooglePort = fakeSlackPort + 4;
const fakeAirtablePort = fakeSlackPort + 6;
// And a local Web Push service (scripts/testing/fake-push.ts): Chromium's own push service (FCM) is out of reach here.
const fakePushPort = fakeSlackPort + 8;
process.env.SLACK_API_URL = `http://127.0.0.1:${fakeSlackPort}/api/`;
process.env.CLICKUP_API_URL = `http://127.0.0.1:${fakeClickUpPort}/api/v2/`;
process.env.GOOGLE_SHEETS_API_URL = `http://127.0.0.1:${fakeGooglePort}/`;
process.env.GOOGLE_OAUTH_TOKEN_URL = `http://127.0.0.1:${fakeGooglePort}/token`;
process.env.AIRTABLE_API_URL = `http://127.0.0.1:${fakeAirtablePort}`;
process.env.E2E_FAKE_PUSH_URL = `http://127.0.0.1:${fakePushPort}`;
process.env.PUSH_EXTRA_ORIGINS = process.env.E2E_FAKE_PUSH_URL;
// A local fake Mastodon instance (scripts/testing/fake-mastodon.ts) for social posts: an admin
// connects it by its URL on /admin/integrations, as they would a real instance.
const fakeMastodonPort = Number(process.env.E2E_FAKE_MASTODON_PORT ?? port + 6420);
process.env.E2E_FAKE_MASTODON_URL = `http://127.0.0.1:${fakeMastodonPort}`;
// And a local fake X API (scripts/testing/fake-x.ts), connected by its URL as the "API base URL".
const fakeXPort = Number(process.env.E2E_FAKE_X_PORT ?? port + 6421);
process.env.E2E_FAKE_X_URL = `http://127.0.0.1:${fakeXPort}`;
// With E2E_LOG_DIR (scripts/test.ts sets it), the app's and the workers' output goes to files there,
// and a failed run prints their warnings (scripts/testing/server-logs.ts); otherwise Playwright drops it.
const logTo = (name: string) => (process.env.E2E_LOG_DIR ? ` >> ${process.env.E2E_LOG_DIR}/${name}.log 2>&1` : "");


export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: process.env.CI ? 1 : 0,
  // The JSON report is how scripts/test.ts lists the tests that passed only on a retry.
  reporter: [["list"], ["json", { outputFile: process.env.E2E_JSON_REPORT ?? ".data/playwright-results.json" }], ...(process.env.CI ? [] : [["html", { open: "never", outputFolder: ".data/playwright-report" }] as const])],
  outputDir: ".data/test-results",
  // 120 s: with sixteen worker processes beside the app on two cores, multi-page flows (loyalty's cancel, the
  // barista's hand-over) ran out of 30 s in a full CI run with their pages still answering, and took 55 s
  // alone. The cause is the workers' idle CPU (closing note of 2026-12-03), not the flows: fix that, then lower this.
  timeout: 120_000,
  // 15 s, not 5: a shop page's first load said "Loading the menu…" for over 5 s with the sixteen workers busy (same cause as above).
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    // No animations: an endless pulse or spinner makes Chromium draw frames for as long as a test
    // waits on the page, and an assertion read mid-fade sees a colour that is neither (app/globals.css).
    reducedMotion: "reduce",
    // CI retries a failed test once and records the retry's trace. Recording every test's trace (to
    // keep the failures') screencasts every page, so the browser draws frames all run long.
    trace: process.env.CI ? "on-first-retry" : "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: chromium, args: chromiumArgs },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"] }, testIgnore: needsFullBrowser },
    { name: "desktop-full", use: { ...devices["Desktop Chrome"], launchOptions: { executablePath: fullChromium, args: chromiumArgs } }, testMatch: needsFullBrowser },
    // The phone repeats only the tests tagged @phone: a person's flow through the screens people use
    // on a phone — ordering, paying (one token), tracking, account, loyalty, tips, the barista's queue
    // and hand-over — and the accessibility sweep of the customer's, barista's and manager's pages.
    // The rest runs once, on desktop: server-side rules (redirect checks, refusals, expiry), the other
    // tokens and the back office have no layout of their own on a phone, and repeating them pushed
    // CI past its budget.
    { name: "phone", use: { ...devices["Pixel 7"] }, grep: /@phone/ },
  ],
  webServer: [
    {
      command: `node --import tsx scripts/testing/fake-services-main.ts ${fakeSlackPort} ${fakeClickUpPort} ${fakeGooglePort} ${fakeAirtablePort} ${fakePushPort}`,
      url: `http://127.0.0.1:${fakeSlackPort}/_fake/messages`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node --import tsx scripts/testing/fake-x-main.ts ${fakeXPort}`,
      url: `http://127.0.0.1:${fakeXPort}/_fake/posts`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node --import tsx scripts/testing/fake-mastodon-main.ts ${fakeMastodonPort}`,
      url: `http://127.0.0.1:${fakeMastodonPort}/_fake/statuses`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node ${SERVER_NODE_FLAGS.join(" ")} node_modules/next/dist/bin/next start -H 127.0.0.1 -p ${port}${logTo("app")}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 180_000, // the shared 2-core machine under load: the workers took over a minute to answer
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node --import tsx workers/index.ts${logTo("workers")}`,
      // The relay's health endpoint; WORKER_HTTP_PORT is set by scripts/test.ts.
      url: `http://127.0.0.1:${process.env.WORKER_HTTP_PORT ?? 9564}/health`,
      reuseExistingServer: false,
      timeout: 180_000, // the shared 2-core machine under load: the workers took over a minute to answer
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
