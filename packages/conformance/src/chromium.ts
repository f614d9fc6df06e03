import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (installed by the root test command); `R9S_CHROMIUM_PATH` points elsewhere. */
export const CHROMIUM_PATH = process.env.R9S_CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Launches the headless Chromium that every browser test uses. The flags keep
 * it from reaching for the network on its own (background updates, sync),
 * which a closed test machine refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}
