/**
 * Node flags for the app server and the workers. A larger young generation: at a few hundred
 * orders a second Next allocated enough to run ~8 scavenges a second with the default (16 MB)
 * semi-space, 6–11 % of its time; with 64 MB, ~2 a second and about half the GC time (bench:orders,
 * docs/performance.md). Costs up to ~150 MB more memory per process.
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"] as const;
