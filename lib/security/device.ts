/**
 * A device cookie: a random id a browser keeps (httpOnly, a year), set by proxy.ts on the first
 * visit. Per-client limits key on it, so people behind one address (a café's Wi-Fi) are told
 * apart; the per-IP limits stay as a backstop, since a script can send any cookie it likes (or
 * none, and then its IP address is its identity).
 */
export const DEVICE_COOKIE = "gc_device";
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;

/** 16 random bytes, base64url (Web Crypto: proxy.ts may run outside Node). */
export function newDeviceId(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16)))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A device id as a browser sent it, or null when it is not one of ours in shape. */
export function validDevice(value: string | null | undefined): string | null {
  return value && DEVICE_ID.test(value) ? value : null;
}

/** The device id in a Cookie header, or null when there is none or it is not one of ours in shape. */
export function deviceFromCookieHeader(cookieHeader: string | null | undefined): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === DEVICE_COOKIE) {
      const id = value.join("=");
      return DEVICE_ID.test(id) ? id : null;
    }
  }
  return null;
}

export function deviceCookie(id: string, secure: boolean): string {
  return `${DEVICE_COOKIE}=${id}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/**
 * Who a request comes from, for limits: the device when the browser has our cookie, else its
 * address. `ip` is always counted too.
 */
export type ClientIdentity = { device: string | null; ip: string | null };

export function clientKey(client: ClientIdentity): string | null {
  return client.device ? `device:${client.device}` : client.ip ? `ip:${client.ip}` : null;
}
