// Go Coffee's service worker (registered by components/pwa/service-worker.tsx).
// 1. Offline: the menu and order tracking pages, and the data they load, are fetched from the network
//    first and kept; with no network the last copy is shown (a tracking page says when it was live).
//    Only the customer's pages: staff and admin screens must never show a stale copy.
// 2. Web Push: "your order is ready" shown as a notification; a tap opens the order.
// Plain JavaScript served as is from public/: no build step, no imports.

const PAGES = "go-coffee-pages-v1";
const ASSETS = "go-coffee-assets-v1";

// Pages kept for offline use: the home page, a shop's menu, an order's tracking page (and its JSON).
const CACHED_PAGE = /^\/(shops\/[^/]+|orders\/[^/]+)?$/;
const CACHED_API = /^\/api\/orders\/[^/]+$/;

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== PAGES && k !== ASSETS).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(request);
    if (cached) return cached;
    if (request.mode === "navigate") {
      return new Response(
        '<!doctype html><meta name="viewport" content="width=device-width"><title>Offline · Go Coffee</title><body style="font-family:sans-serif;padding:2rem"><h1>You are offline</h1><p>This page was not saved on this device yet. Reconnect and try again.</p>',
        { status: 503, headers: { "content-type": "text/html; charset=utf-8" } },
      );
    }
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // Live streams and React Server Component fetches go straight to the network.
  if ((request.headers.get("accept") || "").includes("text/event-stream") || request.headers.has("rsc") || url.searchParams.has("_rsc")) return;
  // Build assets have content-hashed names: a kept copy is always right.
  if (url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if ((request.mode === "navigate" && CACHED_PAGE.test(url.pathname)) || CACHED_API.test(url.pathname)) event.respondWith(networkFirst(request));
});

self.addEventListener("push", (event) => {
  let message;
  try {
    message = event.data ? event.data.json() : null;
  } catch {
    message = null;
  }
  if (!message || typeof message.title !== "string") message = { title: "Go Coffee", body: event.data ? event.data.text() : "", url: "/", tag: "go-coffee" };
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body,
      tag: message.tag,
      renotify: true,
      icon: "/icons/icon-192.png",
      data: { url: message.url },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  // Only a path on this site: a push payload never sends the phone elsewhere.
  const path = event.notification.data?.url;
  const target = new URL(typeof path === "string" && path.startsWith("/") && !path.startsWith("//") ? path : "/", self.location.origin);
  if (target.origin !== self.location.origin) return;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === target.href);
      return open ? open.focus() : self.clients.openWindow(target.href);
    }),
  );
});
