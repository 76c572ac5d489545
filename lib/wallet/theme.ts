/**
 * RainbowKit's look in Go Coffee's colours. The theme's CSS variables live in a static stylesheet
 * (components/wallet/rainbowkit-theme.css, kept equal to these options by a unit test) instead of
 * the inline <style> RainbowKitProvider would render, so the Content-Security-Policy need not
 * allow inline styles.
 */
export const WALLET_THEME_OPTIONS = { accentColor: "#3b2418", accentColorForeground: "#f5efe6", borderRadius: "large" } as const;
