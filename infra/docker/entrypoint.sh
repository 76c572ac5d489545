#!/bin/sh
# The image's roles. Each execs node directly (no npm in between), so signals reach the process
# and a SIGTERM stops it gracefully (tini is PID 1 and reaps).
set -eu
FLAGS="--max-semi-space-size=64" # lib/startup/node-flags.ts says why
role="${1:-app}"
[ $# -gt 0 ] && shift
case "$role" in
  app) exec node $FLAGS node_modules/next/dist/bin/next start -H "${HOSTNAME:-0.0.0.0}" -p "${PORT:-3000}" ;;
  worker) exec node $FLAGS --import tsx workers/run.ts "$@" ;;            # one worker or group: worker order-processor, worker agents
  workers) exec node --import tsx workers/index.ts "$@" ;;                 # a supervisor for several/all
  migrate) exec node scripts/prisma.mjs migrate deploy ;;
  seed) exec node --import tsx prisma/seed.ts ;;                           # demo data (compose profile "demo")
  deploy-contracts) exec node --import tsx scripts/chain/deploy.ts ;;      # the local chain's contracts
  anvil) exec node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil --host 0.0.0.0 --port "${ANVIL_PORT:-8545}" --chain-id 31337 "$@" ;;
  *) exec "$role" "$@" ;;
esac
