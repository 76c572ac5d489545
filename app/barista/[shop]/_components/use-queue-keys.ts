"use client";

import { useEffect, useRef } from "react";

type Handlers = {
  /** Ticket ids in screen order (lanes left to right, each top to bottom). */
  order: () => string[];
  /** Bump the focused ticket, or (undefined) the oldest one. */
  bump: (id: string | undefined) => void;
  recall: () => void;
  focusCode: () => void;
};

const NEXT = new Set(["j", "ArrowDown", "ArrowRight"]);
const PREVIOUS = new Set(["k", "ArrowUp", "ArrowLeft"]);

export function focusTicket(id: string): boolean {
  const element = document.getElementById(`ticket-${id}`);
  if (!element) return false;
  element.focus();
  element.scrollIntoView({ block: "nearest" });
  return true;
}

/**
 * The queue's keyboard: j/k or arrows move between tickets, Enter or b bumps, r recalls the last
 * bumped ticket, / jumps to the pickup code. Typing in a field or using a dialog is left alone.
 */
export function useQueueKeys(handlers: Handlers): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (target?.closest("input, textarea, select, [contenteditable=true], dialog")) return;
      const current = target?.closest<HTMLElement>("[data-ticket-id]")?.dataset.ticketId;
      const { order, bump, recall, focusCode } = ref.current;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;

      if (NEXT.has(key) || PREVIOUS.has(key)) {
        const ids = order();
        if (ids.length === 0) return;
        const at = current ? ids.indexOf(current) : -1;
        const step = NEXT.has(key) ? 1 : -1;
        const to = at === -1 ? (step > 0 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, at + step));
        const id = ids[to];
        if (id) focusTicket(id);
      } else if (key === "Enter" || key === "b") {
        // Enter on a button presses that button.
        if (key === "Enter" && target?.closest("button, a")) return;
        bump(current);
      } else if (key === "r") recall();
      else if (key === "/") focusCode();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
