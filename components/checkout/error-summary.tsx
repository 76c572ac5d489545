"use client";

import { useEffect, useRef } from "react";
import type { CheckoutErrors } from "./form-errors";

/** The server's answer as sentences, announced and focused so nobody misses it. */
export function ErrorSummary({ errors }: { errors: CheckoutErrors }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [errors]);
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="rounded-2xl bg-red-50 px-4 py-3 text-sm text-red-900 ring-1 ring-red-700/20 outline-none">
      {errors.message ? <p className="font-semibold">{errors.message}</p> : null}
      {errors.others.length > 0 ? (
        <ul className="mt-1.5 list-disc space-y-0.5 pl-5">
          {errors.others.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
