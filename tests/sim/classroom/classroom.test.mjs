// The classroom page in headless Chromium (Debian's), driven by playwright-core:
//   node classroom.test.mjs MODE URL SCREENSHOT_DIR CHROMIUM
// MODE is "served" (URL: attachsim serve) or "static" (URL: file:// of the static site's index.html,
// the model running as WebAssembly in the page). The same checks for both:
// - at 1024x768, 1280x720, 1440x900, 1920x1080 and 390x844, in both views: every control and chart
//   visible and inside the window, no two labelled elements overlapping (bounding boxes), no text
//   clipped, no horizontal scroll; a full-page screenshot of each (SCREENSHOT_DIR, kept by the build);
// - the page at work: the month player reveals the Strange Situations in turn, a slider and a preset
//   move the shares the expected way, the example baby is a typical member of its class, the
//   programme's months are shaded on the charts, "Back to the start" resets every control, the seed
//   and the month, the generations view shows whole families, and bad settings show their error.
// Exits non-zero on the first failed check's end of run. Timing is never checked (scripts/bench_classroom).
import { chromium } from "playwright-core";
import path from "node:path";

const [mode, url, shots, executablePath] = process.argv.slice(2);
const TIMEOUT = 240_000;  // per simulation: the sanitizer build of the server is slow
const VIEWPORTS = [[1024, 768], [1280, 720], [1440, 900], [1920, 1080], [390, 844]];
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
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") errors.push(`console error: ${m.text()}`); });
  const shot = (name) => page.screenshot({ path: path.join(shots, `${mode}-${name}.png`), fullPage: true });

  const generation = () => page.evaluate(() => Number(document.body.dataset.generation));
  const nextResult = async (after) => {
    await page.waitForFunction((g) => Number(document.body.dataset.generation) > g && document.body.dataset.state === "ready",
                               after, { timeout: TIMEOUT });
  };
  const shares = (age) => page.$$eval(`#ssp-${age} .sharebar span[data-class]`, (spans) =>
    Object.fromEntries(spans.map((s) => [s.dataset.class, Number(s.dataset.share)])));
  const setRange = (id, value) => page.evaluate(([i, v]) => {
    const el = document.getElementById(i);
    el.value = String(v);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, [id, value]);
  const fmt = (s) => ["A", "B", "C", "D"].map((k) => `${k} ${(100 * s[k]).toFixed(1)}%`).join("  ");

  // Everything that must be seen in a view, everything labelled, and what is wrong with the layout.
  const layoutProblems = (view) => page.evaluate((v) => {
    const problems = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw + 1) problems.push(`horizontal scroll (${document.documentElement.scrollWidth} > ${vw})`);
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""}`
      + (el.textContent.trim() ? ` "${el.textContent.trim().slice(0, 30)}"` : "");
    const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden" && !el.closest("[hidden]");
    const must = [...document.querySelectorAll("#controls input, #controls select, #controls button, #views button")]
      .filter((el) => el.id !== (v === "cohort" ? "families" : "dyads"));
    must.push(...document.querySelectorAll(v === "cohort"
      ? "#play, #month, #example-class, #pattern-chart, #infant-chart, #class-chart, #ssp-rows .sharebar, #infant-signal, #culture-compare .sharebar"
      : ".generation-picker button, #family-rows .family, #transmission-rows .bar-row, #adult-rows .bar-row, #preschool-rows .outcome"));
    for (const el of must) {
      const r = el.getBoundingClientRect();
      if (!shown(el) || r.width < 4 || r.height < 4) { problems.push(`not visible: ${name(el)}`); continue; }
      if (r.left < -1 || r.right > vw + 1) problems.push(`outside the window: ${name(el)} (${Math.round(r.left)}..${Math.round(r.right)} of ${vw})`);
      if (el.tagName === "CANVAS" && (r.height < 150 || r.width < 250)) problems.push(`chart too small: ${name(el)} ${Math.round(r.width)}x${Math.round(r.height)}`);
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX === "visible" && style.overflowY === "visible") continue;
        const b = a.getBoundingClientRect();
        if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) {
          problems.push(`clipped by ${name(a)}: ${name(el)}`);
          break;
        }
      }
    }
    const labelled = [...document.querySelectorAll(
      "h1, #subtitle, #status, #error, #views button, h2, h3, .hint, .explain, .name, output, #controls button, select, "
      + "input[type=range], .keys .key, .ssp-row .age, .ssp-row .sharebar, .waiting, .moved, #month-label, #play, .story, "
      + "canvas, .family .who, .chip, .gen-label, .arrow, .bar-row .label, .outcome .label, .outcome-bar .track, "
      + ".outcome-bar .value, footer")].filter(shown);
    const boxes = labelled.map((el) => el.getBoundingClientRect());
    for (let i = 0; i < labelled.length; ++i) {
      const a = labelled[i], ra = boxes[i];
      if (ra.right > vw + 1) problems.push(`past the right edge: ${name(a)}`);
      const text = a.tagName !== "CANVAS" && a.tagName !== "INPUT" && a.tagName !== "SELECT";
      if (text && a.clientWidth > 0 && a.scrollWidth > a.clientWidth + 1) problems.push(`text clipped: ${name(a)} (${a.scrollWidth} > ${a.clientWidth})`);
      for (let j = i + 1; j < labelled.length; ++j) {
        const b = labelled[j], rb = boxes[j];
        if (a.contains(b) || b.contains(a)) continue;
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left), h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 1 && h > 1) problems.push(`overlap: ${name(a)} and ${name(b)} (${Math.round(w)}x${Math.round(h)} px)`);
      }
    }
    return { problems, labelled: labelled.length, must: must.length };
  }, view);

  // After a change of window size: two frames for the resize observers to fire, then until every
  // visible chart has taken its box's new size (Chart.js fills the box's content area), not a fixed delay.
  const settled = async () => {
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.waitForFunction(() => Object.values(Chart.instances).every((chart) => {
      const box = chart.canvas.parentNode;
      if (chart.canvas.offsetParent === null) return true;  // in the hidden view
      const style = getComputedStyle(box);
      const width = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const height = box.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      return Math.abs(chart.width - width) <= 1 && Math.abs(chart.height - height) <= 1;
    }), null, { timeout: TIMEOUT });
  };

  const checkViewports = async (view) => {
    for (const [width, height] of VIEWPORTS) {
      await page.setViewportSize({ width, height });
      await settled();
      const { problems, labelled, must } = await layoutProblems(view);
      check(problems.length === 0, `${view} view at ${width}x${height}: ${must} controls and charts visible, ${labelled} labelled `
        + `elements without overlap or clipping, no horizontal scroll${problems.length ? ":\n       " + problems.slice(0, 12).join("\n       ") : ""}`);
      await shot(`${view}-${width}x${height}`);
    }
    await page.setViewportSize({ width: 1280, height: 720 });
    await settled();
  };

  await page.goto(`${url}?dyads=200&families=100`);
  await nextResult(0);
  check(await page.evaluate(() => typeof Chart !== "undefined"), "the charting library (Chart.js from npm) loaded");
  const kind = await page.evaluate(() => window.classroomEngine.kind);
  check(kind === (mode === "static" ? "browser" : "server"), `the page's engine is the ${kind === "browser" ? "WebAssembly model in the page" : "server"}`);
  check((await page.textContent("#cohort-size")).trim() === "200", "the cohort has 200 babies");
  // Served, the sliders reach the server's request limit; in a browser, what a phone runs in seconds.
  const maxima = await page.evaluate(() => [document.getElementById("dyads").max, document.getElementById("families").max]);
  const sliderMaxima = mode === "static" ? ["1000", "600"] : ["5000", "650"];
  check(maxima[0] === sliderMaxima[0] && maxima[1] === sliderMaxima[1], `the cohort sliders go to ${sliderMaxima[0]} babies and ${sliderMaxima[1]} families`);
  const base = await shares(24);
  const sum = ["A", "B", "C", "D"].reduce((t, k) => t + (base[k] ?? NaN), 0);
  console.log(`typical population, 24 months: ${fmt(base)}`);
  check(Math.abs(sum - 1) < 1e-6, "the shares at 24 months sum to 1");
  // B is about .55 at 24 months in the typical population; at 200 babies its SE is .035, so .4 is 4 SE below.
  check(base.B > Math.max(base.A, base.C, base.D) && base.B > 0.4, "secure is the commonest class in the typical population, above 40%");

  await checkViewports("cohort");

  // The month player: at month 6 no Strange Situation has happened yet; playing passes 12 months.
  await setRange("month", 6);
  check(await page.$eval("#ssp-12", (e) => e.classList.contains("pending")), "at month 6 the 12-month results are not shown yet");
  await shot("month-6");
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("ssp-12").classList.contains("shown"), null, { timeout: 30_000 });
  await page.click("#play");  // pause
  const month = Number(await page.textContent("#month-out"));
  check(month >= 12 && month < 24, `playing reached month ${month}, and the 12-month results appeared`);
  await setRange("month", 24);
  check((await page.textContent("#ssp-24 .moved")).includes("since 18 months"), `the 24-month row says who moved since 18 months: ${(await page.textContent("#ssp-24 .moved")).trim()}`);

  // The example baby: a typical member, whose story says so, and whose class at 2 years is the one asked.
  for (const k of ["B", "D"]) {
    await page.selectOption("#example-class", k);
    const e = await page.evaluate((c) => window.classroom.state.results.cohort.examples[c], k);
    const story = await page.textContent("#infant-story");
    check(e && e.classes["24m"] === k && /typical/.test(story), `the ${k} example is baby no. ${e && e.dyad}, ${k} at 24 months${e && e.stable ? " and at every assessment" : ""}`);
  }
  check((await page.textContent("#scales-explain")).includes("0 (never) to 1 (always)"), "the scales are explained in words");

  // A real slider move: focus it and press the arrow keys, as a student at the keyboard would.
  const observed = async () => Number(await page.$eval("#sensitivity-observed", (e) => e.dataset.first));
  const observedBase = await observed();
  let g = await generation();
  await page.focus("#sensitivity");
  for (let i = 0; i < 6; ++i) await page.keyboard.press("ArrowLeft");   // 0.60 -> 0.30
  check((await page.inputValue("#sensitivity")) === "0.3", "the sensitivity slider moved to 0.30");
  await nextResult(g);
  const observedLow = await observed();
  check(observedLow < observedBase - 0.3, `lower sensitivity lowers observed sensitivity (${observedBase.toFixed(2)} -> ${observedLow.toFixed(2)} on 1-9)`);

  g = await generation();
  for (let i = 0; i < 6; ++i) await page.keyboard.press("ArrowRight");  // back to 0.60
  await page.click('#som-presets button[data-preset="unresolved"]');
  await nextResult(g);
  const unresolved = await shares(24);
  console.log(`mostly unresolved, 24 months:  ${fmt(unresolved)}`);
  check(unresolved.D > base.D, "mostly unresolved parents give more disorganized (D) babies");
  check(Math.abs(Number(await page.inputValue("#unresolved")) - 0.75) < 1e-6, "the unresolved slider follows the preset");

  // The programme's months are shaded on the time charts: sample a column of pixels inside the window.
  const emptyInWindow = () => page.evaluate(() => {
    const chart = Chart.getChart(document.getElementById("pattern-chart"));
    const start = Number(document.getElementById("start").value);
    const x = Math.round(chart.scales.x.getPixelForValue(start + 1.5) * chart.currentDevicePixelRatio);
    const { top, bottom } = chart.chartArea;
    const ctx = chart.canvas.getContext("2d");
    let empty = 0, n = 0;  // the canvas is transparent where nothing is drawn
    for (let y = Math.round((top + 20) * chart.currentDevicePixelRatio); y < bottom * chart.currentDevicePixelRatio - 4; y += 6) {
      empty += ctx.getImageData(x, y, 1, 1).data[3] < 10;
      n += 1;
    }
    return empty / n;
  });
  const before = await emptyInWindow();
  g = await generation();
  await page.selectOption("#program", "sensitivity");
  await nextResult(g);
  const after = await emptyInWindow();
  check(before > 0.6 && after < 0.2, `the programme's months are shaded on the chart (empty ${Math.round(100 * before)}% -> ${Math.round(100 * after)}% of a column)`);
  await shot("programme");

  // A culture: its practices are sent, the other controls start again with the calibrated sensitivity,
  // and the 12-month A/B/C shares stand beside the published ones.
  g = await generation();
  await page.selectOption("#culture", "japan_1980s");
  await nextResult(g);
  const culture = await page.evaluate(() => ({
    rows: [...document.querySelectorAll("#culture-compare .bar-row")].map((r) => r.dataset.row),
    sensitivity: document.getElementById("sensitivity").value, program: document.getElementById("program").value,
    text: document.getElementById("culture-compare").textContent,
  }));
  check(culture.rows.join() === "simulated,published" && culture.text.includes("Japan") && culture.text.includes("96 babies"),
        "a culture shows its babies' A/B/C shares beside the published ones");
  check(culture.sensitivity === "0.8" && culture.program === "none", "a culture starts from the calibrated sensitivity, without a programme");
  for (const [width, height] of [[390, 844], [1024, 768]]) {
    await page.setViewportSize({ width, height });
    await settled();
    const { problems } = await layoutProblems("cohort");
    check(problems.length === 0, `the culture comparison at ${width}x${height} without overlap or clipping${problems.length ? ":\n       " + problems.slice(0, 12).join("\n       ") : ""}`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await settled();
  await shot("culture");

  // "Back to the start" resets everything: settings, cohort size, seed, month and example.
  await setRange("dyads", 300);
  await page.selectOption("#example-class", "A");
  await page.click("#new-sample");
  await setRange("month", 9);
  g = await generation();
  await page.click("#reset");
  await nextResult(g);
  const after_reset = await page.evaluate(() => ({
    values: Object.fromEntries(["sensitivity", "depression", "violence", "chaos", "program", "start", "sessions", "dyads", "families", "example-class", "unresolved", "culture"]
      .map((id) => [id, document.getElementById(id).value])),
    seed: window.classroom.state.seed, month: window.classroom.state.month, dyads: window.classroom.state.results.cohort.dyads,
    preset: document.querySelector("#som-presets button.active")?.dataset.preset,
  }));
  const expected = { sensitivity: "0.6", depression: "0.1", violence: "0.07", chaos: "0.2", program: "none", start: "6",
                     sessions: "4", dyads: "500", families: "300", "example-class": "B", unresolved: "0.148", culture: "today" };
  // (the unresolved slider moves in steps of 0.01, so it shows the typical share 0.148 as 0.15)
  const wrong = Object.entries(expected).filter(([id, v]) => Number.isNaN(Number(v)) ? after_reset.values[id] !== v : Math.abs(Number(after_reset.values[id]) - Number(v)) > 0.006);
  check(wrong.length === 0 && after_reset.seed === 20261128 && after_reset.month === 24 && after_reset.dyads === 500 && after_reset.preset === "typical",
        `"Back to the start" resets every control, the seed, the month and the cohort size${wrong.length ? ": " + JSON.stringify(wrong) : ""}`);

  // The generations view: whole families, transmission by generation, preschool by infant class.
  await setRange("families", 100);
  g = await generation();
  await page.click('#views button[data-view="generations"]');
  await nextResult(g);
  check((await page.$$("#family-rows .family")).length === 6, "six families are followed through three generations");
  check((await page.$$("#transmission-rows .bar-row")).length === 4, "babies' classes by parents' state of mind, four rows");
  check((await page.$$("#preschool-rows .outcome")).length === 4, "four preschool outcomes by infant class");
  await page.click('.generation-picker button[data-generation="2"]');
  check(await page.$eval('.generation-picker button[data-generation="2"]', (b) => b.classList.contains("active")), "the second generation can be picked");
  await checkViewports("generations");
  await page.click('#views button[data-view="cohort"]');

  check(errors.length === 0, `no errors in the page${errors.length ? ": " + errors.join("; ") : ""}`);

  // Bad settings: the engine refuses them, with the key named, and the page shows the message.
  await page.evaluate(() => {
    const engine = window.classroomEngine, simulate = engine.simulate.bind(engine);
    engine.simulate = (request) => simulate({ ...request, settings: { ...request.settings, "program.sessions": 0 } });
  });
  await page.focus("#chaos");
  await page.keyboard.press("ArrowRight");
  await page.waitForFunction(() => document.body.dataset.state === "error", null, { timeout: TIMEOUT });
  const shown = await page.textContent("#error");
  check(await page.isVisible("#error") && /program\.sessions/.test(shown), `the page shows the error: ${shown.trim().replace(/\s+/g, " ")}`);
  await shot("invalid-setting");
} finally {
  await browser.close();
}
console.log(failures ? `${failures} check(s) failed` : "all checks passed");
process.exit(failures ? 1 : 0);
