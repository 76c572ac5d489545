"use client";

import { toCsv, type CsvColumn } from "@/lib/analytics/csv";
import { buttonClasses } from "@/components/ui/button";
import { ClientButton } from "@/components/ui/client-button";

/** Downloads rows as a CSV file, built in the browser from the figures on screen. */
export function CsvButton<T>({ rows, columns, filename, label }: { rows: readonly T[]; columns: readonly CsvColumn<T>[]; filename: string; label: string }) {
  const download = () => {
    const blob = new Blob([toCsv(rows, columns)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  return (
    <ClientButton type="button" onClick={download} className={buttonClasses({ variant: "ghost", size: "sm" })} aria-label={`Export ${label} as CSV`}>
      CSV
    </ClientButton>
  );
}
