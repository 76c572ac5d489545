import { startFakeMastodon } from "./fake-mastodon";

/** `tsx scripts/testing/fake-mastodon-main.ts <port>`: the fake Mastodon instance for the demo and the browser tests. */
const port = Number(process.argv[2] ?? 9720);
const mastodon = await startFakeMastodon(port);
process.stdout.write(`fake Mastodon listening at ${mastodon.url} (published statuses: ${mastodon.url}/_fake/statuses)\n`);
const stop = () => void mastodon.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
