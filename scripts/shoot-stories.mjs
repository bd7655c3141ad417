#!/usr/bin/env node
/**
 * Screenshots stories of a running Storybook in Chromium, in light and dark, at desktop and phone width,
 * so people (and sessions) can look at what they built. Never part of the tests.
 *
 *   node scripts/shoot-stories.mjs [--url http://localhost:6006] [--filter totp] [--out .artifacts/stories]
 *     [--wait 400]   ms to let a story's play function run before the shot
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser } from './find-browser.mjs';

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > -1 ? process.argv[index + 1] : fallback;
};
const base = arg('url', 'http://localhost:6006');
const filter = arg('filter', '');
const out = arg('out', '.artifacts/stories');
const widths = (arg('widths', '1024,320') ?? '').split(',').map(Number);
const themes = (arg('themes', 'light,dark') ?? '').split(',');
mkdirSync(out, { recursive: true });

const index = await (await fetch(`${base}/index.json`)).json();
const stories = Object.values(index.entries).filter(
  (entry) => entry.type === 'story' && entry.id.includes(filter.toLowerCase()),
);
const browser = await chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_ARGS });
try {
  for (const width of widths) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    for (const story of stories) {
      for (const theme of themes) {
        await page.goto(`${base}/iframe.html?id=${story.id}&viewMode=story&globals=theme:${theme}`);
        await page.waitForSelector('#storybook-root > *', { timeout: 15_000 }).catch(() => {});
        await page.waitForTimeout(Number(arg('wait', '400')));
        const file = join(out, `${story.id}--${theme}--${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
