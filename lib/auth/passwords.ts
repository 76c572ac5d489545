import { hash, verify } from "@node-rs/argon2";

/**
 * Password hashing: argon2id with the library's defaults (m=19 MiB, t=2, p=1; the OWASP
 * baseline), the same as the seed. Passwords are never logged or returned.
 */

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./passwords-policy";

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True when `password` matches `passwordHash`; false for a wrong password or a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one verification without a user, so "no such email" takes as long as "wrong
 * password" and response times do not reveal which emails have accounts.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hash("go-coffee-no-such-user-dummy-password");
  await verifyPassword(await dummyHash, password);
  return false;
}
