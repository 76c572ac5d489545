import type { FormHTMLAttributes } from "react";

/**
 * A form that script submits (its onSubmit calls preventDefault and does the work). It posts, so a
 * submit before the page's script has taken over (Enter in a field on a slow phone) never puts what
 * was typed into the address: a form's default GET would copy tokens, keys and notes into the
 * history, the server's logs and the next page's Referer. The page answers the stray post by
 * showing itself again.
 */
export function ClientForm(props: FormHTMLAttributes<HTMLFormElement>) {
  return <form method="post" {...props} />;
}
