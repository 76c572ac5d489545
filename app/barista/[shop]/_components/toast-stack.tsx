import type { Toast } from "./use-toasts";

/** The toasts, bottom centre, announced politely to screen readers. */
export function ToastStack({ toasts, dismiss }: { toasts: Toast[]; dismiss: (id: number) => void }) {
  return (
    <div aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-14 z-50 flex flex-col items-center gap-2 px-4">
      {toasts.map((toast) => (
        <div key={toast.id} className="pointer-events-auto flex max-w-xl items-center gap-4 rounded-2xl bg-amber-300 px-5 py-3 text-lg font-semibold text-black shadow-2xl ring-2 ring-black/20">
          <p>{toast.message}</p>
          <button type="button" onClick={() => dismiss(toast.id)} className="shrink-0 rounded-full px-3 py-1 text-base font-bold underline underline-offset-2 hover:bg-black/10 focus-visible:outline-2 focus-visible:outline-black">
            OK
          </button>
        </div>
      ))}
    </div>
  );
}
