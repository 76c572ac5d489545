import { Skeleton } from "@/components/ui/skeleton";
import { SiteHeader } from "@/components/shops/site-header";

export default function OrderLoading() {
  return (
    <>
      <SiteHeader />
      <div role="status" className="mx-auto max-w-5xl px-4 pt-5 sm:pt-8">
        <span className="sr-only">Loading your order…</span>
        <Skeleton className="h-4 w-28" />
        <Skeleton className="mt-4 h-9 w-48" />
        <div className="mt-8 grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-8">
          <Skeleton className="h-40 rounded-3xl" />
          <Skeleton className="h-80 rounded-3xl" />
        </div>
      </div>
    </>
  );
}
