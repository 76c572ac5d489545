"use client";

import { useEffect, useRef, type InputHTMLAttributes, type RefObject } from "react";
import { cn } from "@/lib/ui/cn";

/** A labelled text input with its error sentence (linked by aria-describedby). */
export function Field({ label, error, hint, id, className, ...input }: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; error?: string | undefined; hint?: string }) {
  const ref = useRef<HTMLInputElement>(null);
  useKeepTypedBeforeHydration(ref, input.value);
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("grid gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cn(
          "h-11 rounded-xl bg-white px-3.5 text-base ring-1 ring-espresso/15 outline-none focus:ring-2 focus:ring-crema",
          error && "ring-red-700/60",
        )}
        {...input}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-espresso/75">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Text typed into a controlled input before the page's script ran stays on screen, but React (the
 * 19.3 canary Next 16 ships; replaying it is behind a flag there) does not hear it: the state keeps
 * the rendered value, the form sends that, and the next render wipes the text (a shop opened
 * without its name). Once hydrated, if the element holds something else, React is told of it as
 * if typed just now. React hears an `input` only when the value differs from the one it tracked
 * last, so the tracked value is set to the rendered one (the element's own setter) and the typed
 * text put back underneath it (the prototype's setter, which React does not watch).
 */
function useKeepTypedBeforeHydration(ref: RefObject<HTMLInputElement | null>, value: InputHTMLAttributes<HTMLInputElement>["value"]) {
  const rendered = useRef(value);
  useEffect(() => {
    const input = ref.current;
    if (!input || rendered.current === undefined) return;
    const typed = input.value;
    const shown = String(rendered.current);
    if (typed === shown) return;
    input.value = shown;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(input, typed);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }, [ref]);
}

export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-xl bg-red-50 px-3.5 py-2.5 text-sm text-red-800 ring-1 ring-red-700/15">
      {message}
    </p>
  );
}

/** "the password must be…" → "The password must be…". */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
