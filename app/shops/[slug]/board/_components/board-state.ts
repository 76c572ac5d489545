import type { BoardEntry } from "@/lib/queue/board";
import type { BoardSnapshot } from "@/lib/queue/board-feed";

/**
 * The board's lists. Entries arrive in change order on one stream, so the last word about a key
 * wins: lane null removes it. Preparing keeps arrival order (oldest first); a name that turns
 * ready goes to the top of "Ready for pickup", where the newest is the one people look for.
 * `more` counts names the snapshot left out (a long queue), until the next snapshot.
 */
export type Board = { preparing: BoardEntry[]; ready: BoardEntry[]; more: BoardSnapshot["more"] };

export function boardFromSnapshot({ entries, more }: BoardSnapshot): Board {
  return { preparing: entries.filter((e) => e.lane === "preparing"), ready: entries.filter((e) => e.lane === "ready").reverse(), more };
}

export function applyEntry(board: Board, entry: BoardEntry): Board {
  const preparing = board.preparing.filter((e) => e.key !== entry.key);
  const ready = board.ready.filter((e) => e.key !== entry.key);
  if (entry.lane === "preparing") {
    const at = board.preparing.findIndex((e) => e.key === entry.key);
    if (at === -1) preparing.push(entry);
    else preparing.splice(at, 0, entry);
  }
  if (entry.lane === "ready") ready.unshift(entry);
  return { preparing, ready, more: board.more };
}
