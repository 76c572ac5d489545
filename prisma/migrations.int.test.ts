import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkMigrations } from "@/scripts/prisma/check-migrations.mjs";

describe("prisma/migrations", () => {
  it("match prisma/schema.prisma (a schema change needs a migration: npm run db:migrate:new)", async () => {
    const result = await checkMigrations();
    expect(result.message).toMatch(/are in sync/);
    expect(result.exitCode).toBe(0);
  });

  it("the check notices a schema change that has no migration", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gocoffee-drift-"));
    try {
      const schema = readFileSync("prisma/schema.prisma", "utf8").replace(
        "model Category {\n",
        "model Category {\n  colour    String?\n",
      );
      writeFileSync(join(dir, "schema.prisma"), schema);
      const result = await checkMigrations({ schema: join(dir, "schema.prisma"), migrations: "prisma/migrations" });
      expect(result.exitCode).toBe(2);
      expect(result.diff).toContain('ALTER TABLE "categories" ADD COLUMN     "colour" TEXT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
