"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import type { MenuShop } from "@/lib/catalog/types";
import { placeOrderInput, type PlaceOrderInput } from "@/lib/orders/input";
import { trackingPath } from "@/lib/orders/links";
import { cn } from "@/lib/ui/cn";
import { formatMoney } from "@/lib/ui/money";
import { Button } from "@/components/ui/button";
import { issuesOfParse, rememberName, savedName } from "./customer-name";
import { ErrorSummary } from "./error-summary";
import { FreeDrinkChoice } from "./free-drink-choice";
import { checkoutErrors, type CheckoutErrors } from "./form-errors";
import { checkoutKey, forgetCheckoutKey } from "./idempotency-key";
import { PaymentMethodPicker } from "./payment-method-picker";
import type { PaymentMethodId } from "./payment-methods";
import { TipPicker, type TipState } from "./tip-picker";
import { PickupTimePicker, type PickupChoice } from "./pickup-time-picker";
import type { PickupOptions } from "@/lib/orders/schedule/capacity";
import type { Station } from "@/lib/catalog/types";
import type { TipChoice } from "@/lib/orders/tips";
import { ClientForm } from "@/components/ui/client-form";
import { ClientInput } from "@/components/ui/client-input";

export type PlaceOrder = (input: PlaceOrderInput, idempotencyKey: string) => Promise<ActionResult<{ orderId: string; trackingToken: string | null }>>;

export type CheckoutFormProps = {
  shop: MenuShop;
  items: PlaceOrderInput["items"];
  totalCents: number;
  /** Loyalty beans: the balance (null for a guest), what a free drink takes off, whether it is taken. */
  freeDrink: { balance: number | null; discountCents: number | null; chosen: boolean; onChange: (chosen: boolean) => void };
  /** The tip: the picker's state and the choice it makes (null: a custom amount that is not one). */
  tip: { state: TipState; choice: TipChoice | undefined | null; subtotalCents: number; onChange: (state: TipState) => void };
  /** As soon as possible or later today: the slots and the stations this order needs (full slots are marked). */
  pickup: { options: PickupOptions; stations: readonly Station[] };
  /** No one is signed in: the form offers a receipt by email (an account gets its own at its address). */
  guest: boolean;
  /** Null when the order can be placed; otherwise why not (closed, items to remove). */
  blocked: string | null;
  placeOrder: PlaceOrder;
  /** Called once the order exists, before moving to its page (pay at pickup) or its payment step (crypto). */
  onPlaced: (method: PaymentMethodId) => void;
};

const TIP_ERROR = "Enter the tip as an amount, like 2.50.";

const NETWORK_ERROR: CheckoutErrors = {
  message: "We could not reach the shop. Check your connection and try again; your order will not be placed twice.",
  fields: {},
  others: [],
};

export function CheckoutForm({ shop, items, totalCents, freeDrink, tip, pickup, guest, blocked, placeOrder, onPlaced }: CheckoutFormProps) {
  const router = useRouter();
  // This form renders only in the browser (see CheckoutView), so storage is safe to read here.
  const [name, setName] = useState(savedName);
  const [notes, setNotes] = useState("");
  const [receiptEmail, setReceiptEmail] = useState("");
  const [paymentChoice, setPayment] = useState<PaymentMethodId>("PAY_AT_PICKUP");
  const [pickupAt, setPickupAt] = useState<PickupChoice>("");
  // Beans that cover the whole order leave nothing to pay in crypto.
  const nothingToPay = totalCents === 0;
  const payment = nothingToPay ? "PAY_AT_PICKUP" : paymentChoice;
  const [errors, setErrors] = useState<CheckoutErrors | null>(null);
  const [pending, startTransition] = useTransition();
  const nameRef = useRef<HTMLInputElement>(null);
  const showSummary = errors !== null && (errors.message !== "" || errors.others.length > 0);

  useEffect(() => {
    // Field-only errors: take the customer to the first field to fix (the summary focuses itself).
    if (errors && !showSummary && errors.fields.customerName) nameRef.current?.focus();
  }, [errors, showSummary]);

  function submit() {
    if (pending || blocked) return;
    if (tip.choice === null) {
      setErrors({ message: "", fields: { tip: TIP_ERROR }, others: [] });
      return;
    }
    const input: PlaceOrderInput = {
      shop: shop.slug,
      customerName: name,
      paymentMethod: payment,
      ...(notes.trim() ? { notes } : {}),
      ...(guest && receiptEmail.trim() ? { receiptEmail } : {}),
      ...(freeDrink.chosen ? { freeDrink: true } : {}),
      ...(tip.choice ? { tip: tip.choice } : {}),
      ...(pickupAt ? { pickupAt } : {}),
      items,
    };
    const parsed = placeOrderInput.safeParse(input);
    if (!parsed.success) {
      setErrors(checkoutErrors(issuesOfParse(parsed.error)));
      return;
    }
    const key = checkoutKey(shop.slug, JSON.stringify(parsed.data));
    setErrors(null);
    startTransition(async () => {
      let result: Awaited<ReturnType<PlaceOrder>>;
      try {
        result = await placeOrder(input, key);
      } catch {
        setErrors(NETWORK_ERROR);
        return;
      }
      if (!result.ok) {
        setErrors(checkoutErrors(result.error));
        return;
      }
      forgetCheckoutKey(shop.slug);
      rememberName(parsed.data.customerName);
      onPlaced(payment);
      const { orderId, trackingToken } = result.data;
      if (payment === "CRYPTO") router.replace(`/shops/${shop.slug}/checkout?${new URLSearchParams({ order: orderId, ...(trackingToken ? { token: trackingToken } : {}) })}`);
      else router.push(trackingPath({ id: orderId, trackingToken }));
    });
  }

  const nameError = errors?.fields.customerName;
  const notesError = errors?.fields.notes;
  const receiptEmailError = errors?.fields.receiptEmail;

  return (
    <ClientForm
      noValidate
      aria-labelledby="checkout-form-title"
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2 id="checkout-form-title" className="sr-only">
        Your details
      </h2>
      {errors && showSummary ? <ErrorSummary errors={errors} /> : null}

      <div>
        <label htmlFor="customer-name" className="block pb-1.5 text-base font-semibold">
          Name for pickup
        </label>
        <p id="customer-name-hint" className="pb-2.5 text-sm text-espresso/75">
          We call this out when your order is ready.
        </p>
        <ClientInput
          ref={nameRef}
          id="customer-name"
          name="customerName"
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          aria-required="true"
          maxLength={40}
          autoComplete="given-name"
          aria-invalid={nameError ? true : undefined}
          aria-describedby={cn("customer-name-hint", nameError && "customer-name-error") || undefined}
          className={cn(field, nameError && "ring-2 ring-red-700")}
        />
        {nameError ? (
          <p id="customer-name-error" className="mt-1.5 text-sm font-medium text-red-800">
            {nameError}
          </p>
        ) : null}
      </div>

      <div>
        <label htmlFor="order-notes" className="flex items-baseline justify-between gap-3 pb-2.5">
          <span className="text-base font-semibold">Order note</span>
          <span className="text-xs font-medium text-espresso/75">Optional</span>
        </label>
        <textarea
          id="order-notes"
          name="notes"
          value={notes}
          onChange={(event) => setNotes(event.target.value)}
          maxLength={280}
          rows={2}
          placeholder="Anything the barista should know"
          aria-invalid={notesError ? true : undefined}
          aria-describedby={notesError ? "order-notes-error" : undefined}
          className={cn(field, "h-auto resize-none py-3", notesError && "ring-2 ring-red-700")}
        />
        {notesError ? (
          <p id="order-notes-error" className="mt-1.5 text-sm font-medium text-red-800">
            {notesError}
          </p>
        ) : null}
      </div>

      {guest ? (
        <div>
          <label htmlFor="receipt-email" className="flex items-baseline justify-between gap-3 pb-1.5">
            <span className="text-base font-semibold">Email me a receipt</span>
            <span className="text-xs font-medium text-espresso/75">Optional</span>
          </label>
          <p id="receipt-email-hint" className="pb-2.5 text-sm text-espresso/75">
            Sent when you collect your order. We use the address for nothing else.
          </p>
          <ClientInput
            id="receipt-email"
            name="receiptEmail"
            type="email"
            inputMode="email"
            value={receiptEmail}
            onChange={(event) => setReceiptEmail(event.target.value)}
            maxLength={254}
            autoComplete="email"
            aria-invalid={receiptEmailError ? true : undefined}
            aria-describedby={cn("receipt-email-hint", receiptEmailError && "receipt-email-error") || undefined}
            className={cn(field, receiptEmailError && "ring-2 ring-red-700")}
          />
          {receiptEmailError ? (
            <p id="receipt-email-error" className="mt-1.5 text-sm font-medium text-red-800">
              {receiptEmailError}
            </p>
          ) : null}
        </div>
      ) : null}

      <FreeDrinkChoice
        balance={freeDrink.balance}
        discountCents={freeDrink.discountCents}
        currency={shop.currency}
        checked={freeDrink.chosen}
        onChange={freeDrink.onChange}
        returnTo={`/shops/${shop.slug}/checkout`}
      />

      <PickupTimePicker options={pickup.options} stations={pickup.stations} value={pickupAt} onChange={setPickupAt} error={errors?.fields.pickupAt} />

      <TipPicker value={tip.state} onChange={tip.onChange} subtotalCents={tip.subtotalCents} currency={shop.currency} error={errors?.fields.tip} />

      {nothingToPay ? null : <PaymentMethodPicker value={payment} onChange={setPayment} />}

      <PaymentStep method={payment} pending={pending} blocked={blocked} totalLabel={nothingToPay ? null : formatMoney(totalCents, shop.currency)} />
    </ClientForm>
  );
}

const field =
  "block h-12 w-full rounded-2xl bg-white px-4 text-base ring-1 ring-espresso/15 placeholder:text-espresso/35 focus:ring-2 focus:ring-espresso focus:outline-none";

/**
 * What finishes the checkout for the chosen payment method. Pay at pickup: place the order.
 * Crypto: place the order (PENDING_PAYMENT), then this page shows its payment step (`?order=`):
 * wallet, chain and token, invoice (crypto-payment.tsx).
 */
function PaymentStep({ method, pending, blocked, totalLabel }: { method: PaymentMethodId; pending: boolean; blocked: string | null; totalLabel: string | null }) {
  const crypto = method === "CRYPTO";
  return (
    <div className="space-y-3">
      {blocked ? (
        <p role="status" className="text-sm font-medium text-red-800">
          {blocked}
        </p>
      ) : null}
      <Button type="submit" size="lg" className="w-full" disabled={blocked !== null} aria-disabled={pending || undefined}>
        {pending ? (
          <>
            <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-foam/30 border-t-foam" />
            Placing order…
          </>
        ) : crypto ? (
          "Continue to payment"
        ) : (
          "Place order"
        )}
      </Button>
      <p className="text-center text-xs text-espresso/75">
        {totalLabel === null
          ? "Nothing to pay: your beans cover this order."
          : crypto
            ? `Next: connect your wallet and pay ${totalLabel} in the token of your choice.`
            : `You pay ${totalLabel} at the counter when you pick up.`}
      </p>
    </div>
  );
}
