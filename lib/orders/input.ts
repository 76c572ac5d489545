import { z } from "zod";
import { tipInput } from "./tips";

/**
 * What a customer (browser or API client) sends to place an order. Products, options and the shop
 * are named by slug; prices are never accepted from the client. Shared by POST /api/orders, the
 * server action and the checkout form.
 */

export const MAX_LINE_QUANTITY = 20;
export const MAX_ORDER_LINES = 30;

export const orderLineInput = z.strictObject({
  product: z.string().trim().min(1, "choose a product").max(80),
  quantity: z
    .number({ error: "quantity must be a number" })
    .int("quantity must be a whole number")
    .min(1, "quantity must be at least 1")
    .max(MAX_LINE_QUANTITY, `at most ${MAX_LINE_QUANTITY} of one item per order`),
  /** Option group slug → chosen option slugs, e.g. { size: ["large"], milk: ["oat"] }. */
  options: z.record(z.string().max(80), z.array(z.string().max(80)).max(10)).default({}),
  notes: z.string().trim().max(140, "item notes are limited to 140 characters").optional(),
});

export const placeOrderInput = z.strictObject({
  shop: z.string().trim().min(1, "choose a shop").max(80),
  customerName: z.string().trim().min(1, "tell us the name to call out").max(40, "the name is limited to 40 characters"),
  /** CRYPTO orders wait in PENDING_PAYMENT until their invoice settles (lib/payments). */
  paymentMethod: z.enum(["PAY_AT_PICKUP", "CRYPTO"], { error: "payment method must be PAY_AT_PICKUP or CRYPTO" }).default("PAY_AT_PICKUP"),
  notes: z.string().trim().max(280, "order notes are limited to 280 characters").optional(),
  /** Spend loyalty beans on a free drink (signed-in customers; lib/loyalty). */
  freeDrink: z.boolean({ error: "freeDrink must be true or false" }).default(false),
  /** None when left out; a percentage of the subtotal before discounts, or a custom amount (lib/orders/tips.ts). */
  tip: tipInput.optional(),
  /** Left out: as soon as possible. Otherwise one of today's 15-minute pickup slots (lib/orders/schedule). */
  pickupAt: z.iso
    .datetime({ offset: true, error: "pickupAt must be a date and time (ISO 8601), e.g. 2026-12-03T08:15:00-05:00" })
    .transform((s) => new Date(s))
    .optional(),
  /**
   * Guests only: where to email the receipt when the order is collected (signed-in customers get
   * theirs at their account's confirmed address). Lower-cased: one address, one opt-out.
   */
  receiptEmail: z
    .string()
    .trim()
    .max(254, "the email address is too long")
    .pipe(z.email({ error: "enter an email address like you@example.com, or leave it empty" }))
    .transform((s) => s.toLowerCase())
    .optional(),
  items: z.array(orderLineInput).min(1, "add at least one item").max(MAX_ORDER_LINES, `at most ${MAX_ORDER_LINES} lines per order`),
});

export type OrderLineInput = z.input<typeof orderLineInput>;
export type PlaceOrderInput = z.input<typeof placeOrderInput>;
export type ParsedOrder = z.output<typeof placeOrderInput>;

/** Idempotency keys: 8–128 visible ASCII characters (a UUID is ideal). */
export const idempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{8,128}$/, "Idempotency-Key must be 8 to 128 visible ASCII characters");
