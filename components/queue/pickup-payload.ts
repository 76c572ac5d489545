/**
 * Reads the QR code on a customer's tracking page: `gocoffee:pickup:<shopSlug>:<code>` (written by
 * pickupPayload in components/orders/pickup-card.tsx). Null when it is not a Go Coffee pickup code.
 */
export function parsePickupPayload(value: string): { shopSlug: string; code: string } | null {
  const match = /^gocoffee:pickup:([a-z0-9-]+):([A-Za-z0-9-]{4,12})$/.exec(value.trim());
  return match?.[1] && match[2] ? { shopSlug: match[1], code: match[2] } : null;
}
