"use client";

import { useConnectModal } from "@rainbow-me/rainbowkit";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { QRCodeSVG } from "qrcode.react";
import { useEffect, useState } from "react";
import { useAccount, useDisconnect } from "wagmi";
import type { InvoiceView } from "@/lib/payments/invoices";
import type { PaymentOption } from "@/lib/payments/fees";
import { formatMoney } from "@/lib/ui/money";
import { Button } from "@/components/ui/button";
import { ChoiceRow } from "@/components/ui/choice-row";
import { WalletProviders } from "@/components/wallet/wallet-providers";
import { invoiceQueryKey, fetchInvoice, type OrderRef } from "@/components/orders/invoice-query";
import { orderApiPath, trackingPath } from "@/lib/orders/links";
import { countdownLabel } from "@/components/orders/payment-labels";
import type { CryptoPaymentProps } from "./crypto-payment-props";
import { useInvoicePayment } from "./use-invoice-payment";

/**
 * The crypto payment step of a placed CRYPTO order: choose chain and token (with the network fee
 * estimate), the server quotes the order in it (an invoice, held for INVOICE_TTL_SECONDS with a
 * countdown), connect a wallet, approve if needed and pay through the router; or scan the EIP-681
 * QR code with a phone wallet. Once the payment is mined the customer goes to the tracking page,
 * which follows the invoice (PROCESSING, SETTLED, PARTIAL, EXPIRED).
 */
export function CryptoPayment({ order, shopSlug, settings }: CryptoPaymentProps) {
  return (
    <WalletProviders settings={settings}>
      <PaymentPanel order={order} shopSlug={shopSlug} />
    </WalletProviders>
  );
}

const choiceKey = (chainId: number, token: string) => `${chainId}:${token}`;

async function readError(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? "We could not reach the shop. Check your connection and try again.";
}

function PaymentPanel({ order, shopSlug }: Omit<CryptoPaymentProps, "settings">) {
  const client = useQueryClient();
  const options = useQuery({
    queryKey: ["payment-options"],
    queryFn: async (): Promise<PaymentOption[]> => {
      const response = await fetch("/api/payments/options");
      if (!response.ok) throw new Error(await readError(response));
      return (await response.json()).options;
    },
    staleTime: 30_000,
  });
  const invoice = useQuery({ queryKey: invoiceQueryKey(order.id), queryFn: () => fetchInvoice(order), refetchInterval: 3_000 });
  const [choice, setChoice] = useState<string | null>(null);
  const current = invoice.data ?? null;
  const selected = choice ?? (current ? choiceKey(current.chainId, current.token) : null);

  const quote = useMutation({
    mutationFn: async ({ chainId, token }: { chainId: number; token: string }): Promise<InvoiceView> => {
      const response = await fetch(orderApiPath(order, "/invoice"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ chainId, token }) });
      if (!response.ok) throw new Error(await readError(response));
      return (await response.json()).invoice;
    },
    onSuccess: (view) => client.setQueryData(invoiceQueryKey(order.id), view),
  });

  function choose(chainId: number, token: string) {
    setChoice(choiceKey(chainId, token));
    quote.mutate({ chainId, token });
  }

  const quoted = current && selected === choiceKey(current.chainId, current.token) ? current : null;
  const total = formatMoney(order.totalCents, order.currency);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start lg:gap-10">
      <section aria-labelledby="pay-title" className="space-y-6 rounded-3xl bg-white p-5 shadow-sm ring-1 ring-espresso/8 sm:p-6">
        <div>
          <h2 id="pay-title" className="text-xl font-bold">
            Pay {total} with your wallet
          </h2>
          <p className="mt-1 text-sm text-espresso/75">Your order is placed and starts as soon as your payment arrives.</p>
        </div>

        <fieldset>
          <legend className="pb-2.5 text-base font-semibold">Network and token</legend>
          {options.isPending ? <p className="text-sm text-espresso/75">Loading the payment options…</p> : null}
          {options.isError ? (
            <p role="alert" className="text-sm font-medium text-red-800">
              {options.error.message}
            </p>
          ) : null}
          <div className="space-y-2">
            {options.data?.flatMap((chain) =>
              chain.tokens.map((token) => (
                <ChoiceRow
                  key={choiceKey(chain.chainId, token.symbol)}
                  id={`pay-${chain.chainId}-${token.symbol}`}
                  type="radio"
                  name="payment-token"
                  value={choiceKey(chain.chainId, token.symbol)}
                  label={`${token.symbol} on ${chain.chainName}`}
                  description={feeLabel(token.fee, order.currency, token.address === null)}
                  checked={selected === choiceKey(chain.chainId, token.symbol)}
                  disabled={quote.isPending}
                  onChange={() => choose(chain.chainId, token.symbol)}
                />
              )),
            )}
          </div>
          {quote.isError ? (
            <p role="alert" className="mt-2 text-sm font-medium text-red-800">
              {quote.error.message}
            </p>
          ) : null}
        </fieldset>

        {quote.isPending ? (
          <p role="status" className="text-sm text-espresso/70">
            Getting the exact amount…
          </p>
        ) : quoted ? (
          <InvoiceDetails invoice={quoted} onRequote={() => choose(quoted.chainId, quoted.token)} order={order} shopSlug={shopSlug} />
        ) : null}
      </section>

      {quoted?.payWith ? <PhoneWallet invoice={quoted} /> : null}
    </div>
  );
}

function feeLabel(fee: PaymentOption["tokens"][number]["fee"], currency: string, native: boolean): string {
  if (!fee) return "Network fee: estimate unavailable";
  const pay = `Network fee ≈ ${formatMoney(Math.max(fee.payCents, 1), currency)}`;
  return native || fee.approveCents === 0 ? pay : `${pay} (+ ${formatMoney(Math.max(fee.approveCents, 1), currency)} the first time, to approve)`;
}

/**
 * Seconds left on the quote, ticking every second: counted down from what the server said when it
 * last answered (the invoice is polled), not from this device's clock, which may be off.
 */
function useSecondsLeft(invoice: InvoiceView): number {
  const [count, setCount] = useState({ from: invoice.secondsLeft, elapsed: 0 });
  if (count.from !== invoice.secondsLeft) setCount({ from: invoice.secondsLeft, elapsed: 0 }); // a fresh answer
  useEffect(() => {
    const timer = setInterval(() => setCount((c) => ({ ...c, elapsed: c.elapsed + 1 })), 1_000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, count.from - count.elapsed);
}

function InvoiceDetails({ invoice, onRequote, order }: { invoice: InvoiceView; onRequote: () => void; order: OrderRef; shopSlug: string }) {
  const secondsLeft = useSecondsLeft(invoice);
  const expired = secondsLeft === 0 || invoice.status === "EXPIRED";
  const partial = invoice.exception === "PARTIAL";
  return (
    <div className="space-y-4 rounded-2xl bg-cream/60 p-4 ring-1 ring-espresso/10">
      <dl className="space-y-1">
        <div className="flex items-baseline justify-between gap-3">
          <dt className="text-sm font-semibold">{partial ? "Left to pay" : "Amount to pay"}</dt>
          <dd className="text-xl font-bold tabular-nums" aria-label={`${partial ? "Left to pay" : "Amount to pay"}: ${invoice.display.remaining}`}>
            {invoice.display.remaining}
          </dd>
        </div>
        <div className="flex items-baseline justify-between gap-3 text-sm text-espresso/75">
          <dt>Rate</dt>
          <dd>{invoice.display.rate}</dd>
        </div>
        {partial ? (
          <div className="flex items-baseline justify-between gap-3 text-sm text-espresso/75">
            <dt>Already paid</dt>
            <dd>{invoice.display.paid}</dd>
          </div>
        ) : null}
      </dl>
      {expired ? (
        <div role="alert" className="space-y-2">
          <p className="text-sm font-medium text-red-800">This price has expired. Get a new price to pay.</p>
          <Button variant="secondary" onClick={onRequote}>
            Get a new price
          </Button>
        </div>
      ) : (
        <>
          <p className="text-sm text-espresso/70">
            Price held for <span className="font-semibold tabular-nums" role="timer" aria-label="Price held for">{countdownLabel(secondsLeft)}</span>
          </p>
          {invoice.payWith ? <WalletPay invoice={invoice} order={order} /> : <p className="text-sm text-espresso/70">Nothing is left to pay on this invoice.</p>}
        </>
      )}
    </div>
  );
}

function WalletPay({ invoice, order }: { invoice: InvoiceView; order: OrderRef }) {
  const router = useRouter();
  const { address, isConnected, chainId } = useAccount();
  const { disconnect } = useDisconnect();
  const { openConnectModal, connectModalOpen } = useConnectModal();
  const { step, pay } = useInvoicePayment(invoice);
  useEffect(() => {
    if (step.kind === "paid") router.push(trackingPath(order));
  }, [step.kind, router, order]);

  const working = step.kind === "working" || step.kind === "paid";
  return (
    <div className="space-y-3">
      {isConnected && address ? (
        <div className="flex items-center justify-between gap-3 text-sm">
          <p>
            Wallet <span className="font-mono font-semibold">{`${address.slice(0, 6)}…${address.slice(-4)}`}</span>
            {chainId !== invoice.chainId ? <span className="text-espresso/75"> (we will ask it to switch to {invoice.chainName})</span> : null}
          </p>
          <button type="button" className="font-semibold text-espresso/70 underline-offset-4 hover:underline" disabled={working} onClick={() => disconnect()}>
            Disconnect
          </button>
        </div>
      ) : null}
      {isConnected ? (
        <Button size="lg" className="w-full" onClick={pay} aria-disabled={working || undefined}>
          {working ? (
            <>
              <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-foam/30 border-t-foam" />
              Paying…
            </>
          ) : (
            `Pay ${invoice.display.remaining}`
          )}
        </Button>
      ) : (
        <Button size="lg" className="w-full" disabled={!openConnectModal || connectModalOpen} onClick={() => openConnectModal?.()}>
          Connect wallet
        </Button>
      )}
      {step.kind === "working" || step.kind === "paid" ? (
        <p role="status" className="text-sm text-espresso/75">
          {step.kind === "paid" ? "Paid. Taking you to your order…" : step.message}
        </p>
      ) : null}
      {step.kind === "error" ? (
        <p role="alert" className="text-sm font-medium text-red-800">
          {step.message}
        </p>
      ) : null}
    </div>
  );
}

/** The EIP-681 alternative: scan with a phone wallet (approve first for tokens, then pay). */
function PhoneWallet({ invoice }: { invoice: InvoiceView }) {
  const uris = invoice.payWith;
  if (!uris) return null;
  return (
    <section aria-labelledby="phone-title" className="rounded-3xl bg-white p-5 shadow-sm ring-1 ring-espresso/8">
      <h2 id="phone-title" className="text-lg font-bold">
        Or pay from your phone
      </h2>
      <p className="mt-1 text-sm text-espresso/75">
        Scan with a wallet app on {invoice.chainName}.{uris.approve ? ` First approve ${invoice.token}, then pay.` : ""}
      </p>
      <div className="mt-4 space-y-4">
        {uris.approve ? <Qr label={`1. Approve ${invoice.token}`} value={uris.approve} /> : null}
        <Qr label={uris.approve ? `2. Pay ${invoice.display.remaining}` : `Pay ${invoice.display.remaining}`} value={uris.pay} />
      </div>
    </section>
  );
}

function Qr({ label, value }: { label: string; value: string }) {
  return (
    <figure className="flex flex-col items-center gap-2">
      <QRCodeSVG value={value} size={176} marginSize={2} role="img" aria-label={`QR code: ${label}`} title={value} />
      <figcaption className="text-sm font-semibold">{label}</figcaption>
    </figure>
  );
}
