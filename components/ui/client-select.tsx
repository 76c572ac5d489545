"use client";

import { useEffect, useRef, type SelectHTMLAttributes } from "react";

/**
 * A controlled <select> that keeps a choice made before the page's script ran. The React that
 * Next 16 ships (a 19.3 canary; replaying such changes is still behind a flag there) ignores them:
 * the browser shows the person's choice while the component's state holds the first option, so
 * what is saved is not what is shown (a supplier's settings written to another ingredient). Once
 * hydrated, if the element's value differs from the one rendered, a change event is dispatched,
 * and `onChange` hears it as if the person had chosen just now.
 */
export function ClientSelect(props: SelectHTMLAttributes<HTMLSelectElement>) {
  const ref = useRef<HTMLSelectElement>(null);
  const rendered = useRef(props.value);
  useEffect(() => {
    const select = ref.current;
    if (select && rendered.current !== undefined && select.value !== String(rendered.current)) {
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }, []);
  return <select ref={ref} {...props} />;
}
