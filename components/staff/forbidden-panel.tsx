import Link from "next/link";
import { AlertIcon } from "@/components/ui/icons";
import { PageMessage } from "@/components/ui/page-message";
import { buttonClasses } from "@/components/ui/button";

/**
 * The friendly 403 of the staff pages: signed in, but not allowed here. `back` is where this
 * person can go instead (their queues, their shops).
 */
export function ForbiddenPanel({ email, title = "You do not work at this shop", reason, back = { href: "/barista", label: "Your shops" } }: { email: string; title?: string; reason?: string; back?: { href: string; label: string } }) {
  return (
    <PageMessage
      icon={<AlertIcon />}
      title={title}
      actions={
        <>
          <Link href={back.href} className={buttonClasses()}>
            {back.label}
          </Link>
          <Link href="/" className={buttonClasses({ variant: "secondary" })}>
            Go Coffee home
          </Link>
        </>
      }
    >
      <p>
        You are signed in as <span className="font-semibold text-espresso">{email}</span>
        {reason ? `, ${reason}` : ", which is not on this shop’s staff. Ask a manager to add you, or sign in with your staff account."}
      </p>
    </PageMessage>
  );
}
