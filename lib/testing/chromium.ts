/**
 * Debian's Chromium, never a downloaded browser, with nothing in the background that could reach for the (closed)
 * network or add noise: for the browser tests and the Lighthouse bench alike.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];
