import { getSessionUser } from "@/lib/auth/session";
import { AccountMenu } from "./account-menu";

/** <AccountMenu> for the signed-in user of this request (a server component: reads the session). */
export async function SessionAccountMenu({ className }: { className?: string }) {
  const user = await getSessionUser();
  return <AccountMenu user={user ? { name: user.name, email: user.email } : null} className={className} />;
}
