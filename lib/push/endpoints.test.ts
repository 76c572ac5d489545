import { describe, expect, it } from "vitest";
import { parseOrigins, pushEndpointAllowed, pushServiceName } from "./endpoints";

describe("push endpoints", () => {
  it("allows the browsers' push services over https, by exact host or subdomain", () => {
    for (const url of [
      "https://fcm.googleapis.com/fcm/send/abc:def",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
      "https://web.push.apple.com/QGx0",
      "https://wns2-par02p.notify.windows.com/w/?token=x",
    ])
      expect(pushEndpointAllowed(url, [])).toBe(true);
  });

  it("refuses anything else: other hosts, look-alikes, http, ports, credentials, non-URLs", () => {
    for (const url of [
      "https://evil.example/push",
      "https://fcm.googleapis.com.evil.example/x",
      "https://evilfcm.googleapis.com.example/x",
      "https://notfcm.googleapis.com/x",
      "http://fcm.googleapis.com/fcm/send/x",
      "https://fcm.googleapis.com:8443/x",
      "https://a:b@fcm.googleapis.com/x",
      "http://127.0.0.1:9999/push/1",
      "http://169.254.169.254/latest",
      "javascript:alert(1)",
      "",
    ])
      expect(pushEndpointAllowed(url, [])).toBe(false);
  });

  it("allows a configured origin (the local fake) and only that origin", () => {
    const extra = parseOrigins(" http://127.0.0.1:9999 , nonsense,");
    expect(extra).toEqual(["http://127.0.0.1:9999"]);
    expect(pushEndpointAllowed("http://127.0.0.1:9999/push/1", extra)).toBe(true);
    expect(pushEndpointAllowed("http://127.0.0.1:9998/push/1", extra)).toBe(false);
  });
});

describe("pushServiceName", () => {
  it("names a device by the browsers its push service serves, and anything else by its host", () => {
    expect(pushServiceName("https://fcm.googleapis.com/fcm/send/abc")).toBe("Chrome or another Chromium browser");
    expect(pushServiceName("https://updates.push.services.mozilla.com/wpush/v2/abc")).toBe("Firefox");
    expect(pushServiceName("https://web.push.apple.com/QGx")).toBe("Safari");
    expect(pushServiceName("https://wns2-by3p.notify.windows.com/w/?token=abc")).toBe("Edge on Windows");
    // A look-alike host is not the service it imitates.
    expect(pushServiceName("https://fcm.googleapis.com.example.org/x")).toBe("fcm.googleapis.com.example.org");
    expect(pushServiceName("http://127.0.0.1:4123/push/abc")).toBe("127.0.0.1");
    expect(pushServiceName("not a url")).toBe("Unknown browser");
  });
});
