import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { toBoardEntry, type BoardEntry } from "./board";
import { getBoardTickets, type Ticket } from "./tickets";

/** Names per lane a status board shows; a screen on the wall has room for about this many. */
export const BOARD_PER_LANE = 24;

export type BoardSnapshot = { entries: BoardEntry[]; more: { preparing: number; ready: number } };

/** The board's projection with this deployment's key secret. */
export function projectForBoard(): (ticket: Ticket) => BoardEntry {
  const secret = env().NEXTAUTH_SECRET;
  return (ticket) => toBoardEntry(ticket, secret);
}

export async function boardSnapshot(db: Db, shopId: string): Promise<{ seq: number; data: BoardSnapshot }> {
  const { tickets, seq, more } = await getBoardTickets(db, shopId, BOARD_PER_LANE);
  const project = projectForBoard();
  return { seq, data: { entries: tickets.map(project), more } };
}
