import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { CupIcon } from "@/components/ui/icons";
import { PageMessage } from "@/components/ui/page-message";
import { SiteHeader } from "@/components/shops/site-header";

export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <PageMessage
        icon={<CupIcon />}
        title="We couldn’t find that"
        actions={
          <Link href="/" className={buttonClasses()}>
            See all shops
          </Link>
        }
      >
        <p>The shop or order you are looking for does not exist, or the link is incomplete.</p>
      </PageMessage>
    </>
  );
}
