import type { Metadata } from "next";
import { can } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { listStaff } from "@/lib/shops/staff";
import { managerAccess } from "../_components/manager-access";
import { ManagerFrame } from "../_components/manager-frame";
import { StaffEditor } from "./staff-editor";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Staff · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string }> };

/** /manager/:shop/staff — who works here; add baristas (admins: managers) by email, remove them. */
export default async function ManagerStaffPage({ params }: Props) {
  const access = await managerAccess((await params).shop, "staff:manage", "staff");
  if (!access.ok) return access.page;
  const staff = await listStaff(db(), access.shop.id);
  return (
    <ManagerFrame shop={access.shop} tab="staff">
      <StaffEditor shopSlug={access.shop.slug} staff={staff} selfId={access.user.id} canManageManagers={can(access.user, "user:manage")} />
    </ManagerFrame>
  );
}
