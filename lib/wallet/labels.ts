/** Wallet labels shared by the light loaders and the wallet components (no wallet code here). */
export const SIGN_IN_WITH_ETHEREUM = "Sign in with Ethereum";
