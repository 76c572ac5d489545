/** "c***@example.test": enough to tell addresses apart (a delivery log, a tracking page), not the address. */
export function maskAddress(address: string): string {
  const [local = "", domain = ""] = address.split("@");
  return `${local.slice(0, 1)}***@${domain}`;
}
