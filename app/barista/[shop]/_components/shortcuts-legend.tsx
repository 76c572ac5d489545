const KEYS: readonly [string[], string][] = [
  [["J", "K"], "move"],
  [["Enter", "B"], "bump"],
  [["R"], "recall last"],
  [["/"], "pickup code"],
];

/** The keyboard shortcuts, as a slim strip along the bottom. */
export function ShortcutsLegend() {
  return (
    <footer className="hidden h-10 shrink-0 items-center md:flex gap-6 border-t border-white/10 bg-black/30 px-4 text-sm text-foam/70">
      <h2 className="font-bold text-foam/90">Keyboard</h2>
      <dl className="flex flex-wrap items-center gap-x-5 gap-y-1">
        {KEYS.map(([keys, what]) => (
          <div key={what} className="flex items-center gap-1.5">
            <dt className="flex gap-1">
              {keys.map((key) => (
                <kbd key={key} className="rounded border border-white/25 bg-white/10 px-1.5 font-mono text-xs font-bold text-foam">
                  {key}
                </kbd>
              ))}
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <p className="ml-auto hidden text-foam/50 md:block">Arrow keys move too</p>
    </footer>
  );
}
