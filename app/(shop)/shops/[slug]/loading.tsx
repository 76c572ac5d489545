import { Skeleton } from "@/components/ui/skeleton";
import { SiteHeader } from "@/components/shops/site-header";

export default function MenuLoading() {
  return (
    <>
      <SiteHeader />
      <div role="status" className="mx-auto max-w-5xl px-4 pt-5 sm:pt-8">
        <span className="sr-only">Loading the menu…</span>
        <Skeleton className="h-4 w-20" />
        <Skeleton className="mt-4 h-9 w-3/4 max-w-md" />
        <Skeleton className="mt-3 h-4 w-2/3 max-w-sm" />
        <Skeleton className="mt-3 h-4 w-32" />
        <div className="mt-8 flex gap-2">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-8 w-24 rounded-full" />
          ))}
        </div>
        <Skeleton className="mt-8 h-6 w-36" />
        <div className="mt-4 grid gap-3 sm:grid-cols-2 sm:gap-4">
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <Skeleton key={i} className="h-36 rounded-3xl" />
          ))}
        </div>
      </div>
    </>
  );
}
