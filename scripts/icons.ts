/**
 * `npx tsx scripts/icons.ts` — the installable app's PNG icons (public/icons), drawn from
 * app/icon.svg with resvg. Run again after changing the SVG; the PNGs are committed.
 * The maskable icon puts the cup inside the safe zone (the inner 80 %) on the brand colour, so
 * launchers that crop to a circle or squircle keep it whole.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Resvg } from "@resvg/resvg-js";

const ROOT = join(import.meta.dirname, "..");
const svg = readFileSync(join(ROOT, "app", "icon.svg"), "utf8");
const inner = svg.replace(/^<svg[^>]*>/, "").replace(/<\/svg>\s*$/, "");
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" fill="#3b2418"/><g transform="translate(9.6 9.6) scale(0.7)">${inner}</g></svg>`;

for (const [name, source, size] of [
  ["icon-192.png", svg, 192],
  ["icon-512.png", svg, 512],
  ["maskable-512.png", maskable, 512],
] as const) {
  const png = new Resvg(source, { fitTo: { mode: "width", value: size } }).render().asPng();
  writeFileSync(join(ROOT, "public", "icons", name), png);
  console.log(`public/icons/${name}: ${png.length} bytes`);
}
