import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The layer rules in eslint.config.mjs, shown to fire: each case lints a planted file (text only,
 * nothing is written) at a path of the layer it breaks, with the project's real configuration.
 */

const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "layers/client-imports").map((m) => m.message);
}

// The first lint loads the whole configuration (typescript-eslint, Next's plugins): seconds on a busy machine.
describe("layer rules", { timeout: 60_000 }, () => {
  it("lib/ never imports app/, components/ or workers/", async () => {
    expect(await layerErrors("lib/orders/planted.ts", `import { Button } from "@/components/ui/button";\nexport const x = Button;\n`)).toEqual([expect.stringMatching(/lib\/ is shared/)]);
    expect(await layerErrors("lib/orders/planted.ts", `import { WORKERS } from "@/workers/registry";\nexport const x = WORKERS;\n`)).toHaveLength(1);
    expect(await layerErrors("lib/orders/planted.ts", `import { placeOrderAction } from "../../app/(shop)/actions";\nexport const x = placeOrderAction;\n`)).toHaveLength(1);
    expect(await layerErrors("lib/orders/planted.ts", `import { buildOrder } from "@/lib/orders/build-order";\nexport const x = buildOrder;\n`)).toEqual([]);
  });

  it("lib/auth never imports lib/shops (shop access is lib/shops/access.ts, over lib/auth)", async () => {
    expect(await layerErrors("lib/auth/planted.ts", `import { findShop } from "@/lib/shops/queries";\nexport const x = findShop;\n`)).toEqual([expect.stringMatching(/lib\/auth never imports lib\/shops/)]);
    expect(await layerErrors("lib/auth/planted.ts", `import { findShop } from "../shops/queries";\nexport const x = findShop;\n`)).toHaveLength(1);
    expect(await layerErrors("lib/auth/planted.ts", `import { Button } from "@/components/ui/button";\nexport const x = Button;\n`)).toEqual([expect.stringMatching(/lib\/ is shared/)]);
    expect(await layerErrors("lib/shops/planted.ts", `import { can } from "@/lib/auth/policy";\nexport const x = can;\n`)).toEqual([]);
  });

  it("workers/ never import app/ or components/", async () => {
    expect(await layerErrors("workers/planted.ts", `import { Button } from "@/components/ui/button";\nexport const x = Button;\n`)).toEqual([expect.stringMatching(/Workers run without Next/)]);
    expect(await layerErrors("workers/planted.ts", `import { db } from "@/lib/db";\nexport const x = db;\n`)).toEqual([]);
  });

  it("client components import no database, configuration or server-only module, but may import types", async () => {
    const client = (imports: string) => `"use client";\n${imports}\nexport function Planted() {\n  return null;\n}\n`;
    expect(await layerErrors("components/orders/planted.tsx", client(`import { db } from "@/lib/db";\nvoid db;`))).toEqual([expect.stringMatching(/"@\/lib\/db" is server-only/)]);
    expect(await layerErrors("components/orders/planted.tsx", client(`import { env } from "@/lib/env";\nvoid env;`))).toHaveLength(1);
    expect(await layerErrors("app/barista/[shop]/_components/planted.tsx", client(`import { createDb } from "@/lib/db/client";\nvoid createDb;`))).toEqual([expect.stringMatching(/"@\/lib\/db\/client" is server-only/)]);
    // lib/payments/service.ts is not named by the rule: it is caught because it declares `import "server-only"`.
    expect(await layerErrors("components/checkout/planted.tsx", client(`import { refundOrder } from "@/lib/payments/service";\nvoid refundOrder;`))).toEqual([expect.stringMatching(/"@\/lib\/payments\/service" is server-only/)]);
    expect(await layerErrors("components/checkout/planted.tsx", client(`import { feeCents } from "@/lib/payments/fees";\nvoid feeCents;`))).toEqual([]);
    expect(await layerErrors("components/orders/planted.tsx", client(`import type { Db } from "@/lib/db";\nexport type T = Db;`))).toEqual([]);
    expect(await layerErrors("components/orders/planted.tsx", client(`import { OrderStatus } from "@/lib/db/generated/enums.ts";\nvoid OrderStatus;`))).toEqual([]);
    // The same import in a server component is fine.
    expect(await layerErrors("app/(shop)/planted/page.tsx", `import { db } from "@/lib/db";\nexport default function Page() {\n  void db;\n  return null;\n}\n`)).toEqual([]);
  });
});
