import { startFakeX } from "./fake-x";

/** `tsx scripts/testing/fake-x-main.ts <port>`: the fake X API for the demo and the browser tests. */
const port = Number(process.argv[2] ?? 9721);
const x = await startFakeX(port);
process.stdout.write(`fake X listening at ${x.url} (published posts: ${x.url}/_fake/posts)\n`);
const stop = () => void x.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
