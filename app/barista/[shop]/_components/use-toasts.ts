"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export type Toast = { id: number; message: string };

const TOAST_MS = 6_000;

/** Short messages that go away by themselves (conflicts, a new order's arrival when sound is off…). */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Set<number>());

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => window.clearTimeout(timer));
  }, []);

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);

  const notify = useCallback(
    (message: string) => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-2), { id, message }]);
      const timer = window.setTimeout(() => {
        timers.current.delete(timer);
        dismiss(id);
      }, TOAST_MS);
      timers.current.add(timer);
    },
    [dismiss],
  );

  return { toasts, notify, dismiss };
}
