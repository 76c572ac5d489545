-- A shop's latest reading per token: the manager dashboard's "Shop wallets now" looks wallets up by address.
CREATE INDEX "wallet_balances_wallet_chain_id_token_block_number_idx" ON "wallet_balances"("wallet", "chain_id", "token", "block_number" DESC);
