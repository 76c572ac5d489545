import http, { type IncomingMessage } from "node:http";
import { PEER_HEADER } from "./client-ip";

/**
 * Next's server copies the socket's address into X-Forwarded-For only when the client sent none,
 * and route handlers never see the socket. So the app server stamps every incoming request with
 * its TCP peer before Next reads it, overwriting whatever a client put in that header. Installed
 * once per process from instrumentation-node.ts; client-ip.ts reads it.
 */
export function stampPeerAddresses(): void {
  const proto = http.Server.prototype as http.Server & { __goCoffeePeer?: boolean };
  if (proto.__goCoffeePeer) return;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof proto.emit;
  proto.__goCoffeePeer = true;
}
