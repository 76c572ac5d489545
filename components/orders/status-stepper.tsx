import type { OrderStatus } from "@/lib/orders/state-machine";
import { cn } from "@/lib/ui/cn";
import { STATUS_STEPS } from "./status-labels";

/** Placed → In the queue → Being prepared → Ready → Collected, with the current step marked. */
export function StatusStepper({ status }: { status: OrderStatus }) {
  // An order for later waits at "Placed" until it joins the queue.
  const current = STATUS_STEPS.findIndex((s) => s.status === (status === "SCHEDULED" ? "PLACED" : status));
  return (
    <ol aria-label="Order progress" className="grid grid-cols-5 gap-1">
      {STATUS_STEPS.map((step, i) => {
        const done = i < current || (i === current && status === "CLAIMED");
        const active = i === current && status !== "CLAIMED";
        return (
          <li key={step.status} aria-current={i === current ? "step" : undefined} className="flex flex-col items-center gap-2 text-center">
            <div className="relative flex w-full items-center justify-center">
              {i > 0 ? <span aria-hidden className={cn("absolute top-1/2 right-1/2 left-[-50%] h-0.5 -translate-y-1/2 rounded-full", i <= current ? "bg-espresso" : "bg-espresso/12")} /> : null}
              <span
                aria-hidden
                className={cn(
                  "relative grid size-7 place-items-center rounded-full text-xs font-bold transition-colors",
                  done && "bg-espresso text-foam",
                  active && "bg-crema text-espresso ring-4 ring-crema/30",
                  !done && !active && "bg-white text-espresso/70 ring-2 ring-espresso/12",
                )}
              >
                {done ? "✓" : i + 1}
                {active ? <span className="absolute inset-0 animate-ping rounded-full bg-crema/50 motion-reduce:hidden" /> : null}
              </span>
            </div>
            <span className={cn("text-[0.7rem] leading-tight font-medium sm:text-xs", i <= current ? "text-espresso" : "text-espresso/75")}>
              {step.label}
              {done ? <span className="sr-only"> (done)</span> : null}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
