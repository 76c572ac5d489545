"use client";

import { useCallback, useEffect, useRef, type InputHTMLAttributes, type Ref } from "react";

type Props = InputHTMLAttributes<HTMLInputElement> & { ref?: Ref<HTMLInputElement> };

/**
 * A controlled `<input>` that keeps what was typed before the page's script ran. Use it for every
 * text-like input whose value lives in React state (checkboxes and radios are not typed into).
 *
 * Text typed before hydration stays on screen, but React (the 19.3 canary Next 16 ships; replaying
 * it is behind a flag there) does not hear it: the state keeps the rendered value, the form sends
 * that, and the next render wipes the text (a shop opened without its name). Once hydrated, if the
 * element holds something else, React is told of it as if typed just now. React hears an `input`
 * only when the value differs from the one it tracked last, so the tracked value is set to the
 * rendered one (the element's own setter) and the typed text put back underneath it (the
 * prototype's setter, which React does not watch).
 */
export function ClientInput({ ref: outer, ...input }: Props) {
  const own = useRef<HTMLInputElement | null>(null);
  const rendered = useRef(input.value);
  useEffect(() => {
    const element = own.current;
    if (!element || rendered.current === undefined) return;
    const typed = element.value;
    const shown = String(rendered.current);
    if (typed === shown) return;
    element.value = shown;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")?.set?.call(element, typed);
    element.dispatchEvent(new Event("input", { bubbles: true }));
  }, []);
  // The caller's ref (focus, select) and ours, on the one element.
  const ref = useCallback(
    (element: HTMLInputElement | null) => {
      own.current = element;
      if (typeof outer === "function") outer(element);
      else if (outer) outer.current = element;
    },
    [outer],
  );
  return <input ref={ref} {...input} />;
}
