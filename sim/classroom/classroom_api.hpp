// The classroom page's one request (POST /api/simulate): settings in, a small cohort's development
// month by month out, both as JSON. See docs/guide_classroom.md.
#pragma once

#include <string>

namespace attachsim::sim {

// Cohorts the page may ask for: small enough to answer in about a second.
inline constexpr long long classroom_max_dyads = 5000;
// The work of one request, dyads x generations x months, is held to that of the largest one-generation
// cohort (24 months): other requests queue behind a simulation, so none may run for long.
inline constexpr long long classroom_max_dyad_months = classroom_max_dyads * 24;

// Runs the cohort that `request_json` describes ({"settings": {"caregiver.sensitivity_mean": 0.4, ...}})
// and returns the page's JSON. Throws InputError for malformed JSON, numbers beyond a double, unknown
// keys, values out of range (the same text `attachsim run --set` gives) and work beyond the cap above.
std::string simulate_classroom(const std::string& request_json, int threads);

}  // namespace attachsim::sim
