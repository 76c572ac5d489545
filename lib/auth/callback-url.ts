/**
 * Where to go after signing in: only paths on this site ("/account/orders?x=1"), never another
 * origin ("//evil.example", "https://…", "/\\evil"). Anything else becomes `fallback`.
 */
export function safeCallbackUrl(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  let path = value;
  // next-auth sends absolute URLs of our own origin; keep their path.
  if (/^https?:\/\//i.test(path)) {
    try {
      const url = new URL(path);
      path = `${url.pathname}${url.search}${url.hash}`;
    } catch {
      return fallback;
    }
  }
  if (!path.startsWith("/") || path.startsWith("//") || path.includes("\\") || /[\u0000-\u001f]/.test(path)) return fallback;
  return path;
}

export function signInPath(returnTo: string): string {
  return `/sign-in?${new URLSearchParams({ callbackUrl: safeCallbackUrl(returnTo) })}`;
}
