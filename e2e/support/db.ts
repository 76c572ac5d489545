import pg from "pg";

/** Runs statements, in order, on the run's database (DATABASE_URL, set by scripts/test.ts): a spec's own set-up. */
export async function sql(statements: [string, unknown[]][]): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    for (const [text, values] of statements) await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** One query's rows from the run's database. */
export async function query<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Rejects a shop's waiting new drink (left by an earlier run or a Monday's sweep), so "Suggest a new drink" asks afresh. */
export async function clearWaitingDrinks(shopSlug: string): Promise<void> {
  await sql([[`UPDATE agent_proposals SET status = 'REJECTED', decided_at = now() WHERE kind = 'new_drink' AND status = 'PENDING' AND shop_id = (SELECT id FROM shops WHERE slug = $1)`, [shopSlug]]]);
}
