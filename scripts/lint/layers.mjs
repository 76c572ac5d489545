// The layer rules ESLint cannot express with its own rules: what a client component may import.
// Plain JavaScript (ESLint loads it before any TypeScript tooling); wired in eslint.config.mjs.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

/** Modules no client component may import, whether or not they say so themselves. */
const ALWAYS_SERVER = [/^@\/lib\/db(\/(?!generated\/enums(\.ts)?$).*)?$/, /^@\/lib\/env(\/.*)?$/, /^server-only$/];

const serverOnlyCache = new Map();

/** Whether the project module an "@/…" import names declares `import "server-only"`. */
function declaresServerOnly(source) {
  if (!source.startsWith("@/")) return false;
  if (serverOnlyCache.has(source)) return serverOnlyCache.get(source);
  const base = join(ROOT, source.slice(2));
  const file = [base, `${base}.ts`, `${base}.tsx`, join(base, "index.ts"), join(base, "index.tsx")].find((f) => /\.tsx?$/.test(f) && existsSync(f));
  const result = file !== undefined && /^import ["']server-only["'];?$/m.test(readFileSync(file, "utf8"));
  serverOnlyCache.set(source, result);
  return result;
}

function isClientModule(program) {
  for (const statement of program.body) {
    if (statement.type !== "ExpressionStatement" || typeof statement.directive !== "string") return false;
    if (statement.directive === "use client") return true;
  }
  return false;
}

/** An import that reaches the bundle: not `import type`, and not every name `type`. */
function importsValues(node) {
  if (node.importKind === "type") return false;
  if (node.specifiers.length === 0) return true;
  return node.specifiers.some((s) => s.importKind !== "type");
}

const clientImports = {
  meta: {
    type: "problem",
    docs: { description: "Client components import no database, configuration or server-only module (types are fine)." },
    schema: [],
    messages: {
      serverOnly: '"{{source}}" is server-only (the database, configuration and secrets live on the server): a client component may import its types only. Pass the data in as props, or call a server action.',
    },
  },
  create(context) {
    let client = false;
    const check = (node, source) => {
      if (!client || typeof source !== "string") return;
      if (ALWAYS_SERVER.some((re) => re.test(source)) || declaresServerOnly(source)) context.report({ node, messageId: "serverOnly", data: { source } });
    };
    return {
      Program(program) {
        client = isClientModule(program);
      },
      ImportDeclaration(node) {
        if (importsValues(node)) check(node, node.source.value);
      },
      ImportExpression(node) {
        if (node.source.type === "Literal") check(node, node.source.value);
      },
      ExportAllDeclaration(node) {
        if (node.exportKind !== "type") check(node, node.source.value);
      },
      ExportNamedDeclaration(node) {
        if (node.source && node.exportKind !== "type") check(node, node.source.value);
      },
    };
  },
};

export const layersPlugin = { meta: { name: "go-coffee-layers" }, rules: { "client-imports": clientImports } };
