// The classroom page's one request: settings in, a small cohort's development out, both as JSON. The
// same code answers in `attachsim serve` (POST /api/simulate, the engine on every core) and in the
// static page's WebAssembly build (a serial run in the browser), so the two cannot drift apart; each
// passes its own way of running a cohort. See docs/guide_classroom.md.
#pragma once

#include "sim/core/cohort_run.hpp"
#include "sim/core/model.hpp"

#include <functional>
#include <string>

namespace attachsim::sim {

// Cohorts the page may ask for: small enough to answer in about a second.
inline constexpr long long classroom_max_dyads = 5000;
// The work of one request, dyads x generations x months, is held to that of the largest one-generation
// cohort (24 months): other requests queue behind a simulation, so none may run for long. A generations
// request (three generations to 60 months) may therefore have at most 666 families.
inline constexpr long long classroom_max_dyad_months = classroom_max_dyads * 24;

// Runs a population into `sink`: run_population (sim/engine) with the server's threads, or
// run_population_serial (sim/core/cohort_run.hpp) in the browser. Both give the same records.
using CohortRunner = std::function<RunStatistics(const Model&, const RunSettings&, Summary&, RecordSink&)>;

// Answers `request_json`:
//   {"view": "cohort" (the default: birth to two years) or "generations", "settings": {KEY: VALUE, ...}}
// with the page's JSON (see cohort_view.hpp and generations_view.hpp). Throws InputError for
// malformed JSON, numbers beyond a double, unknown keys, keys the page fixes, values out of range (the
// same text `attachsim run --set` gives) and work beyond the cap above.
std::string simulate_classroom(const std::string& request_json, const CohortRunner& run);

// simulate_classroom with its failures as the page receives them, the same from the server and from
// the WebAssembly build: status 200 and the answer; 400 and {"error": the InputError's text} for bad
// settings; 500 and {"error": "internal error: ..."} for anything else (a bug: the caller logs it).
struct ClassroomAnswer {
  int status = 200;
  std::string body;
};
ClassroomAnswer answer_classroom(const std::string& request_json, const CohortRunner& run);

}  // namespace attachsim::sim
