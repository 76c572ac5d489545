// The image's HEALTHCHECK. Exit 0 when healthy:
//   HEALTHCHECK_JSONRPC set: that JSON-RPC endpoint answers eth_chainId (the anvil role);
//   else HEALTHCHECK_URL (a worker's /health) or the app's /api/health answers 2xx.
const rpc = process.env.HEALTHCHECK_JSONRPC;
const url = rpc || process.env.HEALTHCHECK_URL || `http://127.0.0.1:${process.env.PORT || 3000}/api/health`;
const init = rpc ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) } : {};
fetch(url, { ...init, signal: AbortSignal.timeout(4000) }).then(
  (r) => process.exit(r.ok ? 0 : 1),
  () => process.exit(1),
);
