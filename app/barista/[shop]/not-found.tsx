import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { CupIcon } from "@/components/ui/icons";
import { PageMessage } from "@/components/ui/page-message";

export default function QueueNotFound() {
  return (
    <PageMessage
      icon={<CupIcon />}
      title="There is no such shop"
      actions={
        <Link href="/barista" className={buttonClasses()}>
          Your shops
        </Link>
      }
    >
      <p>Check the link, or pick one of your shops.</p>
    </PageMessage>
  );
}
