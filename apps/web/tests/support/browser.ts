// The browser finder is shared with the gateway's inspector test; it lives in the gateway's
// testing subpath, with @sparticuz/chromium beside it.
export {
  type BrowserSource,
  type FoundBrowser,
  findChromium,
  launchChromium,
  resolveChromiumForWorkers,
} from '@switchboard/local-gateway/testing/browser';
