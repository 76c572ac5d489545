export type RowStatus = "saved" | { error: string } | null;

/** "Saved" or the error of one row's save, announced to screen readers. */
export function InlineStatus({ status }: { status: RowStatus }) {
  if (!status) return null;
  if (status === "saved")
    return (
      <p role="status" className="mt-1 text-xs font-semibold text-emerald-700">
        Saved
      </p>
    );
  return (
    <p role="alert" className="mt-1 text-xs text-red-700">
      {status.error}
    </p>
  );
}
