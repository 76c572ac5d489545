/**
 * The HTML part of the platform's mails: deliberately simple (one column, inline styles, no
 * images or scripts), because mail clients strip most of CSS and every mail also has a plain-text
 * part that says the same. Everything from data goes through escapeHtml.
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function htmlDocument(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font:15px/1.5 system-ui,sans-serif;color:#2b1a12;max-width:36rem;margin:0 auto;padding:16px">${body}</body></html>`;
}
