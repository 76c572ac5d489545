import { expect, test } from "@playwright/test";
import { createDb } from "@/lib/db";
import { offerSlackLink } from "@/lib/integrations/slack/links";
import { query } from "./support/db";

/**
 * Linking a Slack user to an account from Slack's one-time link. In Slack, a manager whose Slack
 * address is not their Go Coffee one presses Approve and is refused with the link (that side runs
 * against the fake Slack in lib/integrations/agents.int.test.ts); here the link is made as the
 * interactivity route makes it, for a Slack connection of the test's own. The manager opens it,
 * signs in, sees which Slack user would act as them, links it, finds it on the account page and
 * unlinks it; the spent link is refused afterwards.
 */

test("a manager opens Slack's one-time link, signs in, links their Slack user, sees it on the account page and unlinks it", async ({ page, baseURL }) => {
  const stamp = Date.now().toString(36);
  const connection = `Ops link ${stamp}`;
  const slackUserId = `UE2E${stamp.toUpperCase()}`;
  // The connection's token is never read here: the link page needs only its name and workspace.
  const [row] = await query<{ id: string }>(
    `INSERT INTO integrations (id, kind, name, credentials, config, shop_ids, events, updated_at)
     VALUES (gen_random_uuid(), 'SLACK', $1, 'v1.unused', '{"channel":"#ops","team":"Go Coffee Ops as gocoffee"}', '{}', '{}', now()) RETURNING id`,
    [connection],
  );
  const integrationId = row!.id;
  const db = createDb(process.env.DATABASE_URL!, 1);
  try {
    const link = await offerSlackLink(db, { integrationId, slackUserId, slackName: "marco.home" }, baseURL!);

    await page.goto(link);
    await page.getByLabel("Email").fill("manager@gocoffee.test");
    await page.getByLabel("Password").fill("espresso-manager");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Link your Slack user" })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(`Link the Slack user marco.home (${slackUserId}) of the Slack connection ${connection} (Go Coffee Ops as gocoffee) to your Go Coffee account manager@gocoffee.test?`)).toBeVisible();

    await page.getByRole("button", { name: "Link this Slack user" }).click();
    await expect(page.getByRole("status")).toContainText(`Linked: the Slack user marco.home of ${connection} now acts as you. Press Approve or Reject in Slack again.`);
    await page.getByRole("link", { name: "Your account" }).click();

    const slack = page.getByRole("region", { name: "Slack" });
    const linked = slack.getByRole("list", { name: "Linked Slack users" }).getByRole("listitem").filter({ hasText: connection });
    await expect(linked).toContainText(`marco.home (${slackUserId}) in ${connection}, linked`);
    await linked.getByRole("button", { name: "Unlink Slack user marco.home" }).click();
    await expect(linked).toHaveCount(0);

    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: "This Slack link is no longer valid" })).toBeVisible();
  } finally {
    await query(`DELETE FROM integrations WHERE id = $1`, [integrationId]);
    await db.$disconnect();
  }
});
