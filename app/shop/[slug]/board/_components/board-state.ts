import type { BoardEntry } from "@/lib/queue/board";

/**
 * The board's lists. Entries arrive in change order on one stream, so the last word about an id
 * wins: lane null removes it. Preparing keeps arrival order (oldest first); a name that turns
 * ready goes to the top of "Ready for pickup", where the newest is the one people look for.
 */
export type Board = { preparing: BoardEntry[]; ready: BoardEntry[] };

export function boardFromSnapshot(entries: BoardEntry[]): Board {
  return { preparing: entries.filter((e) => e.lane === "preparing"), ready: entries.filter((e) => e.lane === "ready").reverse() };
}

export function applyEntry(board: Board, entry: BoardEntry): Board {
  const preparing = board.preparing.filter((e) => e.id !== entry.id);
  const ready = board.ready.filter((e) => e.id !== entry.id);
  if (entry.lane === "preparing") {
    const at = board.preparing.findIndex((e) => e.id === entry.id);
    if (at === -1) preparing.push(entry);
    else preparing.splice(at, 0, entry);
  }
  if (entry.lane === "ready") ready.unshift(entry);
  return { preparing, ready };
}
