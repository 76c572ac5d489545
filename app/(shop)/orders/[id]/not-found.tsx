import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { ReceiptIcon } from "@/components/ui/icons";
import { PageMessage } from "@/components/ui/page-message";
import { SiteHeader } from "@/components/shops/site-header";

export default function OrderNotFound() {
  return (
    <>
      <SiteHeader />
      <PageMessage
        icon={<ReceiptIcon />}
        title="We couldn’t find that order"
        actions={
          <Link href="/" className={buttonClasses()}>
            Order something
          </Link>
        }
      >
        <p>Check that the link is complete. Order links are shown right after you place an order.</p>
      </PageMessage>
    </>
  );
}
