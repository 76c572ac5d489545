import { startFakeAirtable } from "./fake-airtable";
import { startFakeClickUp } from "./fake-clickup";
import { startFakeGoogle } from "./fake-google";
import { startFakePush } from "./fake-push";
import { startFakeSlack } from "./fake-slack";

/**
 * `tsx scripts/testing/fake-services-main.ts <slack port> <clickup port> <google port> <airtable port> <push port>`: the outside services the
 * browser tests talk to, as local fakes speaking their wire formats (one process: Playwright starts
 * it as one web server).
 */
const slackPort = Number(process.argv[2] ?? 9810);
const clickUpPort = Number(process.argv[3] ?? slackPort + 2);
const slack = await startFakeSlack(slackPort);
const clickUp = await startFakeClickUp(clickUpPort);
const google = await startFakeGoogle(Number(process.argv[4] ?? slackPort + 4));
const airtable = await startFakeAirtable(Number(process.argv[5] ?? slackPort + 6));
const push = await startFakePush(Number(process.argv[6] ?? slackPort + 8));
process.stdout.write(`fake Slack listening at ${slack.url} (posted messages: ${slack.url.replace(/api\/$/, "")}_fake/messages)\n`);
process.stdout.write(`fake ClickUp listening at ${clickUp.url} (tasks: ${clickUp.url.replace(/api\/v2\/$/, "")}_fake/tasks)\n`);
process.stdout.write(`fake Google listening at ${google.url} (token endpoint ${google.tokenUrl})\n`);
process.stdout.write(`fake Airtable listening at ${airtable.url} (bases: ${airtable.url}/_fake/bases/<id>)\n`);
process.stdout.write(`fake push service listening at ${push.url} (received pushes, decrypted: ${push.url}/_fake/messages)\n`);
const stop = () => void Promise.all([slack.close(), clickUp.close(), google.close(), airtable.close(), push.close()]).then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
