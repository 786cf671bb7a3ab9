// Long-term costs and benefits of a trial's programs (issue 17; configs/economics/*.yaml). What the
// trial simulated (each arm's program cost per family, the share of families that are cases at the
// end of the span) is carried beyond the span by published links and prices: the chance of a later
// outcome for cases and for others, and its cost over the ages at which it falls, discounted to one
// age. Per program arm against the reference arm: cost, benefit, net present benefit, benefit-cost
// ratio and cost per outcome prevented, with 95% intervals over replicates of the trial, over the
// prices' uncertainty (triangular over each price's plausible range; Boardman et al. 2018, ch. 11,
// Monte Carlo sensitivity analysis), and over both. Every row says whether it is simulated or
// projected.
#pragma once

#include "sim/core/random_stream.hpp"
#include "sim/core/trial_design.hpp"
#include "sim/trials/economics_spec.hpp"
#include "sim/trials/trial_runner.hpp"
#include "sim/trials/trial_spec.hpp"

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace attachsim::sim {

// Present value at age `at_years` of one unit of cost spread evenly over the whole years of age
// [from, to), each year's share counted at its start; a single unit at `from` when to == from.
double present_value_factor(double rate, double from_years, double to_years, double at_years);

// What one replicate simulated for one program arm against the reference arm.
struct EconomicShares {
  std::int64_t replicate = 0;
  std::string arm, analysis;  // analysis: itt (as randomized) or twins (every enrolled family under both arms)
  double n_arm = 0, n_reference = 0;
  double cost_arm = 0, cost_reference = 0;       // mean program cost per family
  std::vector<double> case_arm, case_reference;  // per link: share of families that are cases
};

std::vector<EconomicShares> economic_shares(const TrialSpec& spec, const EconomicsSpec& economics, const TrialDesign& design,
                                            const std::vector<Column>& columns, const TrialReplicate& r, std::int64_t replicate);

// One set of prices, per link: the chance of the later outcome for cases and for others, its cost.
struct Prices {
  std::vector<double> if_case, otherwise, cost;
};
Prices central_prices(const EconomicsSpec& economics);
// A draw from each price's triangular distribution over [low, high] with its mode at the value.
Prices draw_prices(const EconomicsSpec& economics, RandomStream& stream);

// What the shares imply at these prices, per family, in present values.
struct Valuation {
  double cost_difference = 0;                         // simulated: arm minus reference program cost
  std::vector<double> cases_prevented;                // simulated: reference minus arm case share
  std::vector<double> later_arm, later_reference;     // projected: chance of the later outcome
  std::vector<double> cost_arm, cost_reference;       // projected: present value of its cost
  std::vector<double> benefit;                        // projected: cost_reference minus cost_arm
  double benefits = 0, net_present_benefit = 0;       // projected: sum of benefits; minus cost_difference
  double benefit_cost_ratio = NAN;                    // projected: benefits / cost_difference (NaN if no added cost)
};
Valuation value(const EconomicsSpec& economics, const EconomicShares& shares, const Prices& prices);

struct EconomicSummary {
  std::string arm, analysis, link, quantity, basis, unit;  // basis: simulated or projected
  double value = NAN;                                      // at the central prices and the mean shares over replicates
  double replicates_low = NAN, replicates_high = NAN;      // 95% over replicates, central prices (NaN with one replicate)
  double prices_low = NAN, prices_high = NAN;              // 95% over price draws, mean shares
  double low = NAN, high = NAN;                            // 95% over both (draw d with replicate d mod R)
};

std::vector<EconomicSummary> summarize_economics(const EconomicsSpec& economics, const std::vector<EconomicShares>& all,
                                                 std::uint64_t seed);

std::string format_economics(const EconomicsSpec& economics, const std::vector<EconomicSummary>& rows, double last_follow_up_months,
                             const std::vector<std::string>& unpriced);

}  // namespace attachsim::sim
