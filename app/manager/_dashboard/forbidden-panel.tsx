import Link from "next/link";
import { AlertIcon } from "@/components/ui/icons";
import { PageMessage } from "@/components/ui/page-message";
import { buttonClasses } from "@/components/ui/button";

/** The friendly 403: signed in, but managing no shop (or asking for a shop one does not manage). */
export function DashboardForbidden({ email, message }: { email: string; message: string }) {
  return (
    <PageMessage
      icon={<AlertIcon />}
      title="The dashboard is for shop managers"
      actions={
        <>
          <Link href="/" className={buttonClasses()}>
            Go Coffee home
          </Link>
          <Link href="/barista" className={buttonClasses({ variant: "secondary" })}>
            Barista queues
          </Link>
        </>
      }
    >
      <p>
        You are signed in as <span className="font-semibold text-espresso">{email}</span>. {message} Ask an admin if you should have access.
      </p>
    </PageMessage>
  );
}
