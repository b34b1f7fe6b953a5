// Chromium's flags for both browser scripts. The machine has no network: without the
// background-networking ones, Chromium keeps trying Google's hosts and its connections are
// refused loudly. playwright and chrome-launcher each give every launch a fresh, empty
// user-data-dir of their own.
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update',
  '--disable-sync'];
