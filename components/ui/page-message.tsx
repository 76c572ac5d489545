import type { ReactNode } from "react";

/** A friendly full-page message (not found, something went wrong) with actions underneath. */
export function PageMessage({ icon, title, children, actions }: { icon: ReactNode; title: string; children: ReactNode; actions: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-[70dvh] max-w-md flex-col items-center justify-center px-6 py-16 text-center">
      <span aria-hidden className="grid size-20 place-items-center rounded-full bg-white text-espresso/70 shadow-sm ring-1 ring-espresso/8 [&>svg]:size-9">
        {icon}
      </span>
      <h1 className="mt-6 text-2xl font-bold tracking-tight text-balance">{title}</h1>
      <div className="mt-2 text-espresso/70">{children}</div>
      <div className="mt-8 flex flex-wrap justify-center gap-3">{actions}</div>
    </main>
  );
}
