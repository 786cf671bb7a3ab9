// The static page's engine (the model compiled to WebAssembly, engine.js of the static site) answers
// bitwise what `attachsim serve` answers, for the same settings and seed:
//   node static_equals_server.mjs SERVER_URL ENGINE_JS
// Every number of every answer is compared (wall_seconds aside), for both views, several populations,
// seeds and programmes, and the error text of bad settings. Node loads the single-file engine (the
// WebAssembly is inside the .js, so nothing is fetched from a path). Prints the first differences;
// exits 1 if there is any.
import { createRequire } from "node:module";

const [url, enginePath] = process.argv.slice(2);
const engine = createRequire(import.meta.url)(enginePath);
await engine.ready;

const requests = [
  { settings: { "run.dyads": 500, "run.seed": 20261128 } },                      // the page's start
  { settings: { "run.dyads": 400, "run.seed": 5, "state_of_mind.share_F": 0.16, "state_of_mind.share_Ds": 0.06,
                "state_of_mind.share_E": 0.03, "state_of_mind.share_U": 0.75, "risk.violence_share": 0.4 } },
  { settings: { "run.dyads": 300, "run.seed": 77, "program.type": "comprehensive", "program.start_months": 2,
                "program.end_months": 5, "program.sessions": 8, "depression.onset_per_year": 0.9,
                "chaos_support.missed_bids": 0.7, "caregiver.sensitivity_mean": 0.2 } },
  { settings: { "run.dyads": 300, "run.seed": 9, "risk.high_risk_share": 0.6 } },  // many neighbourhood and risk draws
  { settings: { "run.dyads": 300, "run.seed": 1986, "caregiver.sensitivity_mean": 0.8, "childcare.share": 0,  // a culture (Japan):
                "care_practices.brief_separations_per_week": 0 } },                                           // overwhelm in the room
  { view: "generations", settings: { "run.dyads": 150, "run.seed": 11 } },
  { view: "generations", settings: { "run.dyads": 100, "run.seed": 12, "program.type": "representational" } },
  { settings: { "caregiver.sensitivity_mean": 2 } },                              // bad input: the same message
  { settings: { "run.generations": 2 } },
];

// Every leaf of two answers, side by side; numbers compared as the doubles JSON carried (shortest
// round-trip text on both sides, so equal text is equal bits).
function differences(a, b, path = "", out = []) {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    out.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  } else if (a !== null && typeof a === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (k !== "wall_seconds") differences(a[k], b[k], `${path}/${k}`, out);
  } else if (!Object.is(a, b)) {
    out.push(`${path}: ${a} vs ${b}`);
  }
  return out;
}

function count(x) { return x !== null && typeof x === "object" ? Object.values(x).reduce((n, v) => n + count(v), 0) : 1; }

let failed = 0;
for (const request of requests) {
  const response = await fetch(new URL("api/simulate", url), {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) });
  const server = { status: response.status, body: await response.json() };
  let browser;
  const started = performance.now();
  try {
    browser = { status: 200, body: await engine.simulate(request) };
  } catch (e) {
    browser = { status: 400, body: { error: e.message } };
  }
  const ms = performance.now() - started;
  const diff = differences(server, browser);
  const what = `${request.view || "cohort"} ${JSON.stringify(request.settings).slice(0, 90)}`;
  if (diff.length) {
    failed += 1;
    console.log(`FAIL ${what}: ${diff.length} of ${count(server)} values differ, e.g.\n  ${diff.slice(0, 8).join("\n  ")}`);
  } else {
    console.log(`ok   ${what}: ${count(server)} values equal (status ${server.status}; WebAssembly ${ms.toFixed(0)} ms)`);
  }
}
if (failed) {
  console.log(`${failed} answer(s) differ. If only the last digits differ, the model has begun to use a function that the`);
  console.log("browser's C library (musl) computes differently from glibc (erfc, tanh, lgamma, ...) or Boost.Math's promotion of");
  console.log("double to long double (80 bits here, 128 bits in WebAssembly): use sim/core/standard_normal.hpp, Boost.Math with");
  console.log("promote_double<false>, or the core's own functions (fast_exp). Then rebuild and refresh docs/classroom.");
} else {
  console.log("every answer of the static page equals the server's");
}
process.exit(failed ? 1 : 0);
