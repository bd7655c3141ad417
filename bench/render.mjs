#!/usr/bin/env node
/**
 * Render cost in Chromium, from the built Storybook (storybook-static; built when missing):
 * - MfaChallenge mount time: from the story's first render to its first commit, and to the moment the
 *   code field is on screen (the status is fetched from the in-browser server in between); median of
 *   15 page loads;
 * - the size of the built Storybook.
 * The Profiler test that typing re-renders nothing outside CodeInput is a test (packages/ui), not here.
 *
 *   node bench/render.mjs    writes bench/results/render.json
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findBrowser } from '../scripts/find-browser.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const staticDir = join(root, 'storybook-static');
if (!existsSync(join(staticDir, 'index.html'))) {
  execFileSync('pnpm', ['build-storybook'], { cwd: root, stdio: 'inherit' });
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
const files = walk(staticDir);
const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
const jsGzip = files
  .filter((file) => file.endsWith('.js'))
  .reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);

const types = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};
const server = createServer((request, response) => {
  const path = join(staticDir, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
  if (!path.startsWith(staticDir) || !existsSync(path) || statSync(path).isDirectory()) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'Content-Type': types[extname(path)] ?? 'application/octet-stream' });
  response.end(readFileSync(path));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;

const browser = await chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_ARGS });
const firstCommit = [];
const ready = [];
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
  for (let run = 0; run < 15; run++) {
    await page.goto(`http://localhost:${port}/iframe.html?id=components-mfachallenge--idle&viewMode=story`);
    await page.waitForSelector('input[autocomplete="one-time-code"]', { timeout: 30_000 });
    const times = await page.evaluate(() => ({
      mount: window.__mfaMountMs ?? Number.NaN,
      ready: performance.now() - (window.__mfaRenderStart ?? Number.NaN),
    }));
    firstCommit.push(times.mount);
    ready.push(times.ready);
  }
} finally {
  await browser.close();
  server.close();
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 10) / 10;
};
const results = {
  date: new Date().toISOString(),
  mfaChallenge: { firstCommitMs: median(firstCommit), readyMs: median(ready), runs: firstCommit.length },
  storybook: { files: files.length, bytes, jsGzipBytes: jsGzip },
};
console.log(JSON.stringify(results, null, 2));
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/render.json'), `${JSON.stringify(results, null, 2)}\n`);
