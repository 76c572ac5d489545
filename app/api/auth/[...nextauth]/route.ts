import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authRequestRefusal, readBodyWithin, AUTH_BODY_LIMIT_BYTES } from "@/lib/auth/auth-request";
import { authOptions } from "@/lib/auth/next-auth";
import { json } from "@/lib/http/responses";

type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * next-auth's endpoints behind lib/auth/auth-request.ts: a malformed request (unknown endpoint,
 * oversized, unparseable or missing the form's fields) gets a 4xx with a sentence; the rest goes
 * to next-auth with its body as read.
 */
async function handler(request: NextRequest, context: Context): Promise<Response> {
  const segments = (await context.params).nextauth ?? [];
  let body: string | null = null;
  if (request.method === "POST") {
    body = await readBodyWithin(request);
    if (body === null) return json({ error: { code: "invalid", message: `The request body is too large (at most ${AUTH_BODY_LIMIT_BYTES / 1024} KB).` } }, 413);
  }
  const refusal = authRequestRefusal({ method: request.method, segments, contentType: request.headers.get("content-type"), body });
  if (refusal) return json({ error: { code: refusal.code, message: refusal.message } }, refusal.status);
  // The body was read above: next-auth gets a request carrying the same bytes.
  let forwarded = request;
  if (body !== null) {
    const headers = new Headers(request.headers);
    headers.delete("content-length");
    forwarded = new NextRequest(request.url, { method: request.method, headers, body });
  }
  return NextAuth(forwarded, context, authOptions());
}

export { handler as GET, handler as POST };
