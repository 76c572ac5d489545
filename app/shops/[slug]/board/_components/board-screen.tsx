"use client";

import { useState } from "react";
import { ConnectionStatus } from "@/components/queue/connection-status";
import { useEventStream } from "@/components/live/use-event-stream";
import type { BoardEntry } from "@/lib/queue/board";
import type { BoardSnapshot } from "@/lib/queue/board-feed";
import { BoardList } from "./board-list";
import { applyEntry, boardFromSnapshot, type Board } from "./board-state";

/** The screen facing customers: who is being made, who can collect, live from the board stream. */
export function BoardScreen({ shop, initial }: { shop: { slug: string; name: string }; initial: BoardSnapshot }) {
  const [board, setBoard] = useState<Board>(() => boardFromSnapshot(initial));
  const connection = useEventStream(`/api/shops/${encodeURIComponent(shop.slug)}/board/events`, {
    snapshot: (payload) => {
      const snapshot = payload as Partial<BoardSnapshot>;
      if (Array.isArray(snapshot.entries) && snapshot.more) setBoard(boardFromSnapshot(snapshot as BoardSnapshot));
    },
    ticket: (payload) => {
      const entry = payload as BoardEntry;
      if (typeof entry?.key === "string") setBoard((current) => applyEntry(current, entry));
    },
  });

  return (
    <div className="flex h-dvh flex-col overflow-hidden bg-espresso text-foam">
      <header className="flex items-center justify-between gap-6 px-10 pt-8 pb-6">
        <h1 className="text-4xl font-black tracking-tight">{shop.name}</h1>
        <ConnectionStatus connection={connection} className="text-base" />
      </header>
      <main className="grid min-h-0 flex-1 grid-cols-[2fr_3fr] gap-8 px-10 pb-6">
        <BoardList title="Preparing" entries={board.preparing} more={board.more.preparing} tone="preparing" empty="Nothing in the making right now." />
        <BoardList title="Ready for pickup" entries={board.ready} more={board.more.ready} tone="ready" empty="Your name shows here when your order is ready." />
      </main>
      <footer className="px-10 pb-6 text-lg text-foam/60">Show your pickup code at the counter to collect: it is on your order page, never on this screen.</footer>
    </div>
  );
}
