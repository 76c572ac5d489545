import { describe, expect, it } from "vitest";
import { bodyRefusal, MAX_BODY_BYTES } from "./body-limit";

const request = (method: string, contentLength: string | null, transferEncoding: string | null = null) => ({ method, contentLength, transferEncoding });

describe("bodyRefusal", () => {
  it("takes bodies up to 64 KB and reads without one", () => {
    expect(bodyRefusal(request("POST", String(MAX_BODY_BYTES)))).toBeNull();
    expect(bodyRefusal(request("POST", "0"))).toBeNull();
    expect(bodyRefusal(request("POST", null))).toBeNull();
    expect(bodyRefusal(request("GET", "999999999"))).toBeNull();
  });

  it("refuses a larger or unreadable length with 413, and a streamed body with 411", () => {
    expect(bodyRefusal(request("POST", String(MAX_BODY_BYTES + 1)))?.status).toBe(413);
    expect(bodyRefusal(request("PUT", "lots"))?.status).toBe(413);
    expect(bodyRefusal(request("POST", null, "chunked"))).toEqual({ status: 411, message: "Send the request body with a Content-Length." });
  });
});
