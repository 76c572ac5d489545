/**
 * The largest request body the API takes: orders, actions and sign-ins are a few hundred bytes;
 * anything near this size is an attack or a mistake, and is refused before it is read.
 */
export const MAX_BODY_BYTES = 64 * 1024;

/** Why a request's declared body must be refused (413/411), or null. Pure: proxy.ts asks it. */
export function bodyRefusal(request: { method: string; contentLength: string | null; transferEncoding: string | null }): { status: 411 | 413; message: string } | null {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return null;
  if (request.contentLength !== null) {
    const length = Number(request.contentLength);
    return Number.isFinite(length) && length <= MAX_BODY_BYTES ? null : { status: 413, message: `The request body is too large: the limit is ${MAX_BODY_BYTES / 1024} KB.` };
  }
  // A streamed body has no declared length: it could be any size. Browsers always declare one.
  return request.transferEncoding ? { status: 411, message: "Send the request body with a Content-Length." } : null;
}
