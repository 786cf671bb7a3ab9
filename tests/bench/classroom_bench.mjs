// The classroom page's response times (scripts/bench_classroom): the server's answer to the page's
// requests, and the static page's WebAssembly engine in Debian's Chromium, cold (the first request,
// which includes compiling the WebAssembly) and warm.
//   node classroom_bench.mjs SERVER_URL SITE_DIR CHROMIUM [REPEATS]
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const [url, site, executablePath, repeatsArg] = process.argv.slice(2);
const repeats = Number(repeatsArg || 5);
const requests = [
  ["birth to two, 500 babies", { settings: { "run.dyads": 500, "run.seed": 20261128 } }],
  ["birth to two, 1000 babies", { settings: { "run.dyads": 1000, "run.seed": 20261128 } }],
  ["three generations, 300 families", { view: "generations", settings: { "run.dyads": 300, "run.seed": 20261128 } }],
];
const stats = (ms) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, range ${sorted[0].toFixed(0)}-${sorted[sorted.length - 1].toFixed(0)} ms`;
};

console.log(`static page: engine.js ${(fs.statSync(path.join(site, "engine.js")).size / 1024).toFixed(0)} KiB `
  + `(the WebAssembly inside it, base64), site ${(fs.readdirSync(site).reduce((n, f) => n + (fs.statSync(path.join(site, f)).isFile() ? fs.statSync(path.join(site, f)).size : 0), 0) / 1024 + fs.statSync(path.join(site, "vendor/chart.umd.js")).size / 1024).toFixed(0)} KiB in all`);

for (const [name, request] of requests) {
  const ms = [];
  for (let i = 0; i < repeats; ++i) {
    const t = performance.now();
    const r = await fetch(new URL("api/simulate", url), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) });
    await r.json();
    ms.push(performance.now() - t);
  }
  console.log(`server (attachsim serve, all cores), ${name}: ${stats(ms)}`);
}

const browser = await chromium.launch({ executablePath, headless: true, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage();
  await page.goto(`file://${site}/index.html?dyads=100`);
  await page.waitForFunction(() => document.body.dataset.state === "ready", null, { timeout: 120_000 });
  // A fresh page for the cold figure: the first request compiles the WebAssembly.
  const cold = await browser.newPage();
  await cold.goto(`file://${site}/engine.js`.replace("engine.js", "index.html?dyads=100&month=24"));
  await cold.evaluate(() => window.classroomEngine.ready);
  for (const [name, request] of requests) {
    const ms = await page.evaluate(async ([req, n]) => {
      const out = [];
      for (let i = 0; i < n; ++i) {
        const t = performance.now();
        await window.classroomEngine.simulate(req);
        out.push(performance.now() - t);
      }
      return out;
    }, [request, repeats]);
    console.log(`static page (WebAssembly in Chromium, one thread), ${name}: ${stats(ms)}`);
  }
} finally {
  await browser.close();
}
