import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findSecrets, serverOnlyNames } from "./bundle-secrets";

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function bundle(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), "bundle-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("findSecrets (the client-bundle check can fail)", () => {
  it("lists the server's settings but not public ones", () => {
    expect(serverOnlyNames()).toEqual(expect.arrayContaining(["DATABASE_URL", "NEXTAUTH_SECRET", "REDIS_URL"]));
    expect(serverOnlyNames()).not.toContain("NODE_ENV");
  });

  it("finds a server variable's name or a secret's value in client chunks", () => {
    const static_ = bundle({ "chunks/app.js": 'const u=process.env.DATABASE_URL;', "chunks/b.js": 'x="s3cr3t-value-123"', "css/app.css": "body{}" });
    expect(findSecrets(static_, { names: ["DATABASE_URL"], values: ["s3cr3t-value-123"] })).toEqual([
      { file: "chunks/app.js", found: "variable name DATABASE_URL" },
      { file: "chunks/b.js", found: "the value of a secret (s3cr…)" },
    ]);
  });

  it("finds nothing in clean chunks and ignores lookalike words", () => {
    const static_ = bundle({ "chunks/app.js": 'const MY_DATABASE_URL_LABEL="x"; console.log("hello")' });
    expect(findSecrets(static_, { names: ["DATABASE_URL"], values: ["s3cr3t-value-123"] })).toEqual([]);
  });
});
