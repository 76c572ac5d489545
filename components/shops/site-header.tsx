import Link from "next/link";
import type { ReactNode } from "react";

/** The slim bar on top of the customer pages: the brand (home) and an optional action. */
export function SiteHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="border-b border-espresso/8 bg-white/60">
      <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-4 px-4">
        <Link href="/" className="-ml-1 inline-flex items-center gap-2 rounded-full px-1 py-1 text-[0.95rem] font-bold tracking-tight focus-visible:outline-2 focus-visible:outline-crema">
          <BrandMark className="size-7" />
          Go Coffee
        </Link>
        {children}
      </div>
    </header>
  );
}

export function BrandMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 64 64" aria-hidden className={className}>
      <rect width="64" height="64" rx="14" fill="#3b2418" />
      <path d="M16 24h28v14a12 12 0 0 1-12 12h-4a12 12 0 0 1-12-12z" fill="#f8f3ec" />
      <path d="M44 28h3a6 6 0 0 1 0 12h-3" fill="none" stroke="#f8f3ec" strokeWidth="4" />
      <path d="M24 12c0 4 4 4 4 8M32 12c0 4 4 4 4 8" fill="none" stroke="#c8a27a" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
