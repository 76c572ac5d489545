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
    WETH: "0xe4EF3C4CE43CF41F5D8250B18C86EFD44aDd202e",
    UniswapV3Factory: "0xDf04b9D5A48206A6Db8c89876a430c130db595eB",
    UniswapV3SwapRouter: "0xB01CF7123A3fe0a70C8BA1a3766F9b42C99ac84E",
    UniswapV3QuoterV2: "0xc4b73BA5cb6AffF4A2c52298427A13220A379D47",
    UniswapV3PositionManager: "0x85A60012C30e088C1aC466377F2fAEc9d57b6C0A",
    UniswapV3Pool_WETH_USDC_500: "0xE6885011E8f8ce14935DF4CbF01328c5bE4a8DeC",
    UniswapV2Factory: "0x6567549eB7F7bBEb5097F10b8f940630e56bd25B",
    UniswapV2Router: "0x55da065baCEdA56B2048344a31908837A9AFdae2",
    UniswapV2Pair_WETH_USDC: "0x77b17d40D2EE828BBa50f191005B79A23d79D210",
    ArbExecutor: "0x95c6915f70f60Edee4B5eFab4C3640C061d2432B",
    AavePoolAddressesProvider: "0x98DeBc6Ec8727708EfA99eDCb23568da342291aB",
    AavePool: "0xa250Bc79C3616A5D4D99E20af485742D3D250b54",
    AaveOracle: "0x75289489A853d5D72d7Aa18Bb1F9BAc710aEf9EB",
    AaveDataProvider: "0x45B8F66514D8060Db21315d8c74a911f7314D9aa",
  },
} as const;
