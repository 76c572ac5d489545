-- WETH lending: how much WETH the treasury keeps in its wallet; null = WETH is not lent.
ALTER TABLE "treasury_control" ADD COLUMN "weth_to_keep" DECIMAL(78,0);
