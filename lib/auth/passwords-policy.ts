/** Password length rules: shared by the server checks and the forms (no native code here). */
export const MIN_PASSWORD_LENGTH = 10;
/** argon2 hashes any length; the cap keeps a megabyte "password" from costing CPU. */
export const MAX_PASSWORD_LENGTH = 200;
