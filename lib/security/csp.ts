/**
 * The Content-Security-Policy of every page. Scripts run only from our origin or with the
 * per-request nonce (Next adds it to its own inline scripts when the policy is on the request);
 * 'strict-dynamic' lets those scripts load the page's chunks. Styles allow inline attributes,
 * which React and the wallet modal set. The browser may talk to our origin and the chain RPCs the
 * wallet uses (`connectSrc`). Nothing may frame the app. Pure: proxy.ts builds it per request.
 */
export function contentSecurityPolicy({ nonce, dev, connectSrc }: { nonce: string; dev: boolean; connectSrc: readonly string[] }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // Next's dev server evaluates modules with eval (React Refresh); production never does.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...connectSrc, ...(dev ? ["ws:"] : [])],
    // The barista screen scans pickup QR codes from the camera into a canvas.
    "media-src": ["'self'", "blob:"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(" ")}`)
    .join("; ");
}

/** The origins of URLs the browser connects to (RPC endpoints), for connect-src. */
export function originsOf(urls: readonly string[]): string[] {
  return [...new Set(urls.flatMap((url) => (URL.canParse(url) ? [new URL(url).origin] : [])))];
}

/** A fresh nonce: 16 random bytes, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
