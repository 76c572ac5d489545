import { Skeleton } from "@/components/ui/skeleton";
import { SiteHeader } from "@/components/shops/site-header";

export default function CheckoutLoading() {
  return (
    <>
      <SiteHeader />
      <div role="status" className="mx-auto max-w-5xl px-4 pt-5 sm:pt-8">
        <span className="sr-only">Loading checkout…</span>
        <Skeleton className="h-4 w-28" />
        <Skeleton className="mt-4 h-9 w-44" />
        <div className="mt-8 grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:gap-10">
          <Skeleton className="h-64 rounded-3xl lg:order-2" />
          <Skeleton className="h-96 rounded-3xl lg:order-1" />
        </div>
      </div>
    </>
  );
}
