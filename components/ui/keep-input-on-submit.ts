import type { FormEvent } from "react";

/**
 * An onSubmit handler that passes the form's data to `submit`. Used instead of a form `action`:
 * React resets a form after its action runs, which would throw away what was typed when the
 * server refuses it.
 */
export function keepInputOnSubmit(submit: (form: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    submit(new FormData(event.currentTarget));
  };
}
