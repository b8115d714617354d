// Settings shared by playwright.config.ts and the specs that launch their own browser.

/** The server under test. `.ci/test` starts it and sets BASE_URL. */
export const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:3000';

/** Debian's Chromium; Playwright's own browser download is never used on this machine. */
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
