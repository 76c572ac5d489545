import { can, shopsWhere } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { AccountMenu } from "./account-menu";

/** <AccountMenu> for the signed-in user of this request (a server component: reads the session). */
export async function SessionAccountMenu({ className }: { className?: string }) {
  const user = await getSessionUser();
  const anywhere = (scope: "all" | string[]) => scope === "all" || scope.length > 0;
  const staff = user ? { queues: anywhere(shopsWhere(user, "queue:work")), manage: anywhere(shopsWhere(user, "menu:edit")), openShops: can(user, "shop:create") } : undefined;
  return <AccountMenu user={user ? { name: user.name, email: user.email, ...(staff ? { staff } : {}) } : null} className={className} />;
}
