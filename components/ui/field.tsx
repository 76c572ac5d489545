import type { InputHTMLAttributes } from "react";
import { ClientInput } from "./client-input";
import { cn } from "@/lib/ui/cn";

/** A labelled text input with its error sentence (linked by aria-describedby). */
export function Field({ label, error, hint, id, className, ...input }: InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; error?: string | undefined; hint?: string }) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("grid gap-1.5", className)}>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      <ClientInput
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

export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-xl bg-red-50 px-3.5 py-2.5 text-sm text-red-800 ring-1 ring-red-700/15">
      {message}
    </p>
  );
}
