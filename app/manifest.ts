import type { MetadataRoute } from "next";

/** /manifest.webmanifest — the customer site installs as an app ("Add to Home Screen"). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Go Coffee",
    short_name: "Go Coffee",
    description: "Order ahead from your local Go Coffee shop, and get told when it is ready.",
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#f8f3ec",
    theme_color: "#3b2418",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
