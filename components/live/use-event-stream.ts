"use client";

import { useEffect, useRef, useState } from "react";

export type Connection = "connecting" | "live" | "reconnecting";

/** What to do with each named event's parsed `data`. */
export type StreamHandlers = Record<string, (data: unknown) => void>;

/**
 * A server-sent-events stream for the life of the component. EventSource reconnects by itself
 * (sending Last-Event-ID, so the server replays only what was missed); when the server refuses
 * outright (signed out, restarted) we open a fresh one after a growing pause, which starts again
 * with a snapshot. Handlers may change on every render; the event names may not.
 */
export function useEventStream(url: string, handlers: StreamHandlers): Connection {
  const [connection, setConnection] = useState<Connection>("connecting");
  const handlersRef = useRef(handlers);
  useEffect(() => {
    handlersRef.current = handlers;
  });
  const names = Object.keys(handlers).sort().join(" ");

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: number | undefined;
    let failures = 0;

    const connect = () => {
      source = new EventSource(url);
      source.addEventListener("open", () => {
        failures = 0;
        setConnection("live");
      });
      for (const name of names.split(" ")) {
        source.addEventListener(name, (event) => {
          let data: unknown;
          try {
            data = JSON.parse((event as MessageEvent<string>).data);
          } catch {
            return; // a malformed event is skipped; the next change carries the whole ticket again
          }
          handlersRef.current[name]?.(data);
        });
      }
      source.addEventListener("error", () => {
        setConnection("reconnecting");
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = window.setTimeout(connect, Math.min(30_000, 1_000 * 2 ** failures++));
        }
      });
    };

    connect();
    return () => {
      window.clearTimeout(retry);
      source?.close();
    };
  }, [url, names]);

  return connection;
}
