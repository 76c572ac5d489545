import { startFakeSlack } from "./fake-slack";

/** `tsx scripts/testing/fake-slack-main.ts <port>`: the fake Slack for the demo and the browser tests. */
const port = Number(process.argv[2] ?? 9810);
const slack = await startFakeSlack(port);
process.stdout.write(`fake Slack listening at ${slack.url} (posted messages: ${slack.url.replace(/api\/$/, "")}_fake/messages)\n`);
const stop = () => void slack.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
