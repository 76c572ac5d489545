/** The connections an admin makes on /admin/integrations, as their kind reads in sentences (safe for the browser). */
export const KIND_LABEL = { SLACK: "Slack", CLICKUP: "ClickUp", MASTODON: "Mastodon", GOOGLE_SHEETS: "Google Sheets", AIRTABLE: "Airtable", X: "X" } as const;
export type AdminKind = keyof typeof KIND_LABEL;
