import { chromium, type Browser } from 'playwright-core'

/** Debian's headless Chromium, quiet: no sandbox (containers), no GPU, no network of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}
