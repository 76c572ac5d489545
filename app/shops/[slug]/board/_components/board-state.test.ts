import { describe, expect, it } from "vitest";
import type { BoardEntry } from "@/lib/queue/board";
import { applyEntry, boardFromSnapshot } from "./board-state";

const entry = (key: string, lane: BoardEntry["lane"]): BoardEntry => ({ key, name: key.toUpperCase(), lane });
const none = { preparing: 0, ready: 0 };

describe("status board", () => {
  it("splits a snapshot into the two lists, newest ready first", () => {
    const board = boardFromSnapshot({ entries: [entry("a", "preparing"), entry("b", "ready"), entry("c", "ready")], more: { preparing: 3, ready: 0 } });
    expect(board.preparing.map((e) => e.key)).toEqual(["a"]);
    expect(board.ready.map((e) => e.key)).toEqual(["c", "b"]);
    expect(board.more.preparing).toBe(3);
  });

  it("moves, keeps place and removes by key", () => {
    let board = boardFromSnapshot({ entries: [entry("a", "preparing"), entry("b", "preparing")], more: none });
    board = applyEntry(board, entry("c", "preparing"));
    board = applyEntry(board, entry("a", "preparing"));
    expect(board.preparing.map((e) => e.key)).toEqual(["a", "b", "c"]);
    board = applyEntry(board, entry("b", "ready"));
    expect(board.preparing.map((e) => e.key)).toEqual(["a", "c"]);
    expect(board.ready.map((e) => e.key)).toEqual(["b"]);
    board = applyEntry(board, entry("b", null));
    expect(board.ready).toEqual([]);
  });
});
