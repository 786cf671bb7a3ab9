// The classroom page in headless Chromium (Debian's), driven by playwright-core:
//   node classroom.test.mjs URL SCREENSHOT_DIR CHROMIUM
// Opens the page with a 200-dyad cohort, reads the Strange Situation shares it displays, lowers the
// sensitivity slider (fewer B expected), picks the "mostly unresolved" preset (more D expected),
// checks an invalid setting comes back as HTTP 400 with its text shown on the page, and saves
// screenshots. Exits non-zero on the first failed check.
import { chromium } from "playwright-core";
import path from "node:path";

const [url, shots, executablePath] = process.argv.slice(2);
const TIMEOUT = 120_000;  // per simulation; the sanitizer build is slow
let failures = 0;

function check(ok, what) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures += 1;
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const errors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console error: ${m.text()}`); });
  const shot = (name) => page.screenshot({ path: path.join(shots, name), fullPage: true });

  const generation = () => page.evaluate(() => Number(document.body.dataset.generation));
  const nextResult = async (after) => {
    await page.waitForFunction((g) => Number(document.body.dataset.generation) > g && document.body.dataset.state === "ready",
                               after, { timeout: TIMEOUT });
  };
  const shares = (age) => page.$$eval(`#ssp-${age} .bar span[data-class]`, (spans) =>
    Object.fromEntries(spans.map((s) => [s.dataset.class, Number(s.dataset.share)])));
  const setRange = (id, value) => page.evaluate(([i, v]) => {
    const el = document.getElementById(i);
    el.value = String(v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, [id, value]);
  const fmt = (s) => ["A", "B", "C", "D"].map((k) => `${k} ${(100 * s[k]).toFixed(1)}%`).join("  ");

  await page.goto(`${url}?dyads=200`);
  await nextResult(0);
  check(await page.evaluate(() => typeof Chart !== "undefined"), "the charting library (chart.js from npm) loaded");
  check((await page.textContent("#cohort-size")).trim() === "200", "the cohort has 200 babies");
  const base = await shares(24);
  const sum = ["A", "B", "C", "D"].reduce((t, k) => t + (base[k] ?? NaN), 0);
  console.log(`typical population, 24 months: ${fmt(base)}`);
  check(Math.abs(sum - 1) < 1e-6, "the shares at 24 months sum to 1");
  check(base.B > 0.4, "most babies are secure in the typical population");
  const baseObserved = await page.$eval("#sensitivity-observed", (e) => e.dataset.first);
  await shot("01-typical-population.png");

  // The animation: at month 6 no Strange Situation has happened yet; playing passes 12 months.
  await setRange("month", 6);
  check(await page.$eval("#ssp-12", (e) => e.classList.contains("pending")), "at month 6 the 12-month results are not shown yet");
  await shot("02-month-6.png");
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("ssp-12").classList.contains("shown"), null, { timeout: 30_000 });
  await page.click("#play");  // pause
  const month = Number(await page.textContent("#month-out"));
  check(month >= 12 && month < 24, `playing reached month ${month}, and the 12-month results appeared`);
  await shot("03-playing-past-12-months.png");
  await setRange("month", 24);

  // A real slider move: focus it and press the arrow keys, as a student at the keyboard would.
  let g = await generation();
  await page.focus("#sensitivity");
  for (let i = 0; i < 6; ++i) await page.keyboard.press("ArrowLeft");   // 0.60 -> 0.30
  check((await page.inputValue("#sensitivity")) === "0.3", "the sensitivity slider moved to 0.30");
  await nextResult(g);
  const low = await shares(24);
  console.log(`low sensitivity, 24 months:    ${fmt(low)}`);
  // What sensitivity must change is what an observer rates; the classes respond to it only weakly
  // in the model as calibrated (see docs/guide_classroom.md), so they are not checked here.
  const observedBase = Number(baseObserved), observedLow = Number(await page.$eval("#sensitivity-observed", (e) => e.dataset.first));
  check(observedLow < observedBase - 0.3, `lower sensitivity lowers observed sensitivity (${observedBase.toFixed(2)} -> ${observedLow.toFixed(2)} on 1-9)`);
  await shot("04-low-sensitivity.png");

  g = await generation();
  for (let i = 0; i < 6; ++i) await page.keyboard.press("ArrowRight");  // back to 0.60
  await page.click('#som-presets button[data-preset="unresolved"]');
  await nextResult(g);
  const unresolved = await shares(24);
  console.log(`mostly unresolved, 24 months:  ${fmt(unresolved)}`);
  check(unresolved.D > base.D, "mostly unresolved parents give more disorganized (D) babies");
  check(Math.abs(Number(await page.inputValue("#unresolved")) - 0.75) < 1e-6, "the unresolved slider follows the preset");
  await page.selectOption("#example-class", "D");
  await shot("05-mostly-unresolved.png");

  check(errors.length === 0, `no errors in the page${errors.length ? ": " + errors.join("; ") : ""}`);

  // Invalid settings (the browser logs the 400s it gets from here on): the server answers 400 with the InputError text, and the page shows it.
  const direct = await page.evaluate(async () => {
    const r = await fetch("api/simulate", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ settings: { "caregiver.sensitivity_mean": 2 } }) });
    return { status: r.status, body: await r.json() };
  });
  check(direct.status === 400 && /caregiver\.sensitivity_mean/.test(direct.body.error),
        `an out-of-range value gives HTTP 400 naming the key (${direct.status}: ${direct.body.error})`);
  await page.route("**/api/simulate", (route) => {
    const body = JSON.parse(route.request().postData());
    body.settings["program.sessions"] = 0;
    route.continue({ postData: JSON.stringify(body) });
  });
  await page.focus("#chaos");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.body.dataset.state === "error", null, { timeout: TIMEOUT });
  const shown = await page.textContent("#error");
  check(await page.isVisible("#error") && /program\.sessions/.test(shown), `the page shows the error: ${shown.trim().replace(/\s+/g, " ")}`);
  await shot("06-invalid-setting.png");
  await page.unroute("**/api/simulate");
} finally {
  await browser.close();
}
console.log(failures ? `${failures} check(s) failed` : "all checks passed");
process.exit(failures ? 1 : 0);
