// `import "server-only"` marks a module that must never reach a browser (the database, the
// configuration and its secrets). Next.js resolves the name "server-only" itself, to its vendored
// copy, before looking in node_modules: empty in server code, and a build error when a client
// component's imports reach such a module. This package is what the name resolves to everywhere
// else: the workers, the scripts and the tests run under plain Node (tsx, vitest), where there is
// no client bundle to protect and npm's `server-only` (which throws unless the `react-server`
// export condition is set) would stop them. So it is empty on purpose. Proven both ways by
// scripts/testing/server-only.test.ts and the e2e build (see docs/architecture.md, "Where things go").
