import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import type { RefundView } from "@/lib/payments/refund-view";

/** Where a cancelled order's money stands, in a few words (and the way to refund it). */
export function MoneyCell({ refund, href }: { refund: RefundView; href: string }) {
  switch (refund.kind) {
    case "not-cancelled":
      return null;
    case "no-money":
      return <span className="text-espresso/75">No money taken</span>;
    case "confirming":
      return <span className="text-espresso/75">Payment confirming</span>;
    case "by-hand":
      return <Badge tone="warning">Refund by hand</Badge>;
    case "sending":
      return <Badge tone="warning">Refund being sent</Badge>;
    case "refunded":
      return <Badge tone="success">Refunded</Badge>;
    case "refundable":
      return (
        <Link href={href} className={buttonClasses({ variant: "secondary", size: "sm" })}>
          Refund
        </Link>
      );
  }
}
