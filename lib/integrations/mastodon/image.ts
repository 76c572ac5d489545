import { readFile } from "node:fs/promises";
import path from "node:path";

/** Only our own menu illustrations: `/menu/<slug>.svg` under public/. */
const OURS = /^\/menu\/[a-z0-9][a-z0-9-]{0,80}\.svg$/;

/**
 * A product's illustration as the PNG Mastodon takes (it accepts PNG, JPEG, WebP and GIF, not
 * SVG): rendered offline by resvg (@resvg/resvg-js, a prebuilt binary from npm), 1200 px wide.
 * A native addon: next.config.mjs keeps it out of the app's bundles (serverExternalPackages).
 * Throws for a path that is not one of our illustrations.
 */
export async function illustrationPng(imagePath: string, publicDir = path.join(process.cwd(), "public"), width = 1200): Promise<Buffer> {
  if (!OURS.test(imagePath)) throw new Error(`Not one of our illustrations: ${imagePath}`);
  // Loaded when a post is sent (the integrations worker), not by the web app that shares this module.
  const { Resvg } = await import("@resvg/resvg-js");
  // Not traced by Next's build: a path made at run time would make it trace the whole project.
  const svg = await readFile(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ publicDir, imagePath));
  const png = new Resvg(svg, { fitTo: { mode: "width", value: width }, background: "#ffffff", font: { loadSystemFonts: true } }).render().asPng();
  return Buffer.from(png);
}
