// Written by `npm run chain:deploy` (scripts/chain/deploy.ts): the local chain's contracts, deployed with
// CREATE2 so the addresses are the same on every anvil. Do not edit by hand.

export const localDeployment = {
  chainId: 31337,
  contracts: {
    PaymentRouter: "0x57b6B8EC307B5939f28B8f4E828F5E249641f87f",
    USDC: "0x42D8F84E78A5B6f0eC07527448380AB5cC2AdE31",
    USDT: "0x5c50b7a5e9519C8e50D16d6Ef94375120985631d",
    ETH_USD: "0xfcce020bbfBB7D892F324a02a5444a22Fe8e8bC3",
    USDC_USD: "0x723D12fBEE1E5Fb59Ab07B4C76950caED2b90E36",
    USDT_USD: "0xe5893bB9dE138aaFc2BE6407fff8059eF8602248",
  },
} as const;
