// Lighthouse on several pages with one Chromium: `node tools/lighthouse-pages.mjs OUT_DIR URL...`
// writes OUT_DIR/<n>.json, Lighthouse's JSON report on the n-th URL (from 0), with its default
// settings (a phone, simulated throttling) in the categories the tests score. One browser and one
// Node process for every page: a launch of each costs seconds (tests/test_lighthouse.py).
import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const [outDir, ...urls] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const [n, url] of urls.entries()) {
    // One page at a time: Lighthouse measures a page with the browser to itself.
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      disableFullPageScreenshot: true,  // a picture for the HTML report, which no score uses
    });
    fs.writeFileSync(path.join(outDir, `${n}.json`), result.report);
  }
} finally {
  await chrome.kill();
}
