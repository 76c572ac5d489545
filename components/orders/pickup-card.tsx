import { QRCodeSVG } from "qrcode.react";
import { pickupQrPayload } from "@/lib/orders/pickup-code";
import { cn } from "@/lib/ui/cn";

/** The pickup code, big enough to read across a counter, and the same as a QR code. */
export function PickupCard({ shopSlug, pickupCode, customerName, muted }: { shopSlug: string; pickupCode: string; customerName: string; muted?: boolean }) {
  return (
    <section aria-labelledby="pickup-title" className={cn("rounded-3xl bg-white p-5 text-center shadow-sm ring-1 ring-espresso/8 sm:p-6", muted && "opacity-50")}>
      <h2 id="pickup-title" className="text-xs font-semibold tracking-[0.16em] text-espresso/75 uppercase">
        Pickup code
      </h2>
      <p className="mt-2 font-mono text-5xl font-bold tracking-[0.18em] tabular-nums sm:text-[3.25rem]">{pickupCode}</p>
      <p className="mt-1 text-sm text-espresso/75">
        For <span className="font-semibold text-espresso">{customerName}</span>
      </p>
      <div className="mx-auto mt-5 w-fit rounded-2xl bg-white p-3 ring-1 ring-espresso/10">
        <QRCodeSVG
          value={pickupQrPayload(shopSlug, pickupCode)}
          size={168}
          level="M"
          marginSize={0}
          fgColor="#3b2418"
          bgColor="#ffffff"
          role="img"
          aria-label={`QR code for pickup code ${pickupCode}`}
        />
      </div>
      <p className="mt-3 text-sm text-espresso/75">Show this at the counter when you collect.</p>
    </section>
  );
}
