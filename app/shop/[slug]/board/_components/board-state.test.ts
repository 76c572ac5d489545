import { describe, expect, it } from "vitest";
import type { BoardEntry } from "@/lib/queue/board";
import { applyEntry, boardFromSnapshot } from "./board-state";

const entry = (id: string, lane: BoardEntry["lane"]): BoardEntry => ({ id, name: id.toUpperCase(), code: `C${id}`, lane });

describe("status board", () => {
  it("splits a snapshot into the two lists, newest ready first", () => {
    const board = boardFromSnapshot([entry("a", "preparing"), entry("b", "ready"), entry("c", "ready")]);
    expect(board.preparing.map((e) => e.id)).toEqual(["a"]);
    expect(board.ready.map((e) => e.id)).toEqual(["c", "b"]);
  });

  it("moves, keeps place and removes by id", () => {
    let board = boardFromSnapshot([entry("a", "preparing"), entry("b", "preparing")]);
    board = applyEntry(board, entry("c", "preparing"));
    board = applyEntry(board, entry("a", "preparing"));
    expect(board.preparing.map((e) => e.id)).toEqual(["a", "b", "c"]);
    board = applyEntry(board, entry("b", "ready"));
    expect(board.preparing.map((e) => e.id)).toEqual(["a", "c"]);
    expect(board.ready.map((e) => e.id)).toEqual(["b"]);
    board = applyEntry(board, entry("b", null));
    expect(board.ready).toEqual([]);
  });
});
