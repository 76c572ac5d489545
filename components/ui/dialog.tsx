"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { cn } from "@/lib/ui/cn";

/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert (so
 * focus stays inside), Esc and a click on the backdrop close it, and the browser returns focus to
 * where it was. `open` is the source of truth; every way of closing goes through onClose.
 *
 *   sheet:  a bottom sheet on phones, a centred card from `sm` up.
 *   drawer: a bottom sheet on phones, a panel on the right from `sm` up.
 *   alert:  a small centred card (confirmations).
 */
export type DialogVariant = "sheet" | "drawer" | "alert";

const VARIANTS: Record<DialogVariant, string> = {
  sheet: "inset-x-0 bottom-0 top-auto w-full max-h-[92dvh] rounded-t-3xl sm:inset-0 sm:m-auto sm:h-fit sm:max-h-[88dvh] sm:max-w-lg sm:rounded-3xl",
  drawer: "inset-x-0 bottom-0 top-auto w-full max-h-[92dvh] rounded-t-3xl sm:inset-y-0 sm:right-0 sm:left-auto sm:h-dvh sm:max-h-dvh sm:w-[26rem] sm:rounded-none sm:rounded-l-3xl",
  alert: "inset-0 m-auto h-fit w-[calc(100%-2rem)] max-w-sm rounded-3xl",
};

let locks = 0;
function lockScroll(): () => void {
  locks += 1;
  if (locks === 1) document.documentElement.style.overflow = "hidden";
  return () => {
    locks -= 1;
    if (locks === 0) document.documentElement.style.overflow = "";
  };
}

export type DialogProps = {
  open: boolean;
  onClose: () => void;
  /** Id of the element that names the dialog (usually its heading). */
  labelledBy: string;
  describedBy?: string;
  variant?: DialogVariant;
  role?: "dialog" | "alertdialog";
  className?: string;
  children: ReactNode;
};

export function Dialog({ open, onClose, labelledBy, describedBy, variant = "sheet", role, className, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  /** Set while this component closes the element itself, so its close event is not reported back. */
  const closingRef = useRef(false);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    if (!dialog.open) dialog.showModal();
    const unlock = lockScroll();
    return () => {
      unlock();
      if (dialog.open) {
        closingRef.current = true;
        dialog.close();
      }
    };
  }, [open]);

  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      aria-modal="true"
      onCancel={(event) => {
        // Esc: let React state close the dialog.
        event.preventDefault();
        onCloseRef.current();
      }}
      onClose={() => {
        // Closed by the browser (a close request we did not see as "cancel"): tell the owner.
        if (closingRef.current) closingRef.current = false;
        else onCloseRef.current();
      }}
      onClick={(event) => {
        // The dialog element itself is only hit outside the content: a click on the backdrop.
        if (event.target === event.currentTarget) onCloseRef.current();
      }}
      className={cn(
        "fixed m-0 max-w-none overflow-hidden border-0 bg-white p-0 text-espresso shadow-2xl open:flex open:flex-col",
        "backdrop:bg-espresso/45 backdrop:backdrop-blur-[2px]",
        // A short slide-in when it opens (none for people who prefer less motion).
        "transition-[translate,opacity] duration-200 ease-out starting:open:translate-y-6 starting:open:opacity-0 motion-reduce:transition-none",
        VARIANTS[variant],
        className,
      )}
    >
      {open ? children : null}
    </dialog>
  );
}
