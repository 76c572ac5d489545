import Link from "next/link";
import { AlertIcon } from "@/components/ui/icons";
import { PageMessage } from "@/components/ui/page-message";
import { buttonClasses } from "@/components/ui/button";

/** The friendly 403: signed in, but not on this shop's staff. */
export function ForbiddenPanel({ email }: { email: string }) {
  return (
    <PageMessage
      icon={<AlertIcon />}
      title="You do not work at this shop"
      actions={
        <>
          <Link href="/barista" className={buttonClasses()}>
            Your shops
          </Link>
          <Link href="/" className={buttonClasses({ variant: "secondary" })}>
            Go Coffee home
          </Link>
        </>
      }
    >
      <p>
        You are signed in as <span className="font-semibold text-espresso">{email}</span>, which is not on this shop’s staff. Ask a manager to add you, or sign in with your staff account.
      </p>
    </PageMessage>
  );
}
