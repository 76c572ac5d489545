/**
 * Sentences shown on the sign-in form. next-auth hands errors to the browser in the URL
 * (`?error=…`), so the form shows only sentences it knows, never arbitrary text from a link.
 */

export const WRONG_CREDENTIALS = "The email or password is not right.";
export const SIGN_IN_UNAVAILABLE = "Signing in is not possible right now. Please try again in a moment.";
/** A wallet sign-in the server refused (wrong domain, chain, nonce, signature…: details only in logs). */
export const SIWE_REFUSED = "The wallet sign-in was not accepted. Please try again.";
const TOO_MANY = /^Too many attempts\. Try again in \d{1,4} minutes?\.$/;

export function signInErrorMessage(error: string | null | undefined): string | null {
  if (!error) return null;
  if (error === WRONG_CREDENTIALS || error === SIGN_IN_UNAVAILABLE || error === SIWE_REFUSED || TOO_MANY.test(error)) return error;
  if (error === "CredentialsSignin") return WRONG_CREDENTIALS;
  if (error === "SessionRequired") return "Sign in to continue.";
  return "Signing in did not work. Please try again.";
}
