import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { CupIcon } from "@/components/ui/icons";
import { PageMessage } from "@/components/ui/page-message";
import { SiteHeader } from "@/components/shops/site-header";

export default function ShopNotFound() {
  return (
    <>
      <SiteHeader />
      <PageMessage
        icon={<CupIcon />}
        title="This shop isn’t on Go Coffee"
        actions={
          <Link href="/" className={buttonClasses()}>
            See all shops
          </Link>
        }
      >
        <p>It may have closed or moved. Pick another shop and order from there.</p>
      </PageMessage>
    </>
  );
}
