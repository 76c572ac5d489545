import { startMailSink } from "./sink";

/** `tsx scripts/mail-sink/main.ts <smtpPort> <httpPort>`: the demo's and tests' mail sink (see sink.ts). */
const [smtpPort = "1025", httpPort = "8025"] = process.argv.slice(2);
const sink = await startMailSink({ smtpPort: Number(smtpPort), httpPort: Number(httpPort) });
console.log(`mail sink: SMTP 127.0.0.1:${sink.smtpPort}, inbox http://127.0.0.1:${sink.httpPort}`);
const stop = () => void sink.close().finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
