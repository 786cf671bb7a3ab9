#include "sim/trials/economics.hpp"

#include <boost/random/triangle_distribution.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <iomanip>
#include <sstream>

namespace attachsim::sim {
namespace {

constexpr std::uint32_t prices_purpose = 0x50524943;  // 'PRIC': apart from every model and trial purpose

// The 2.5th and 97.5th percentiles (linear interpolation); NaN if any value is not finite, as happens
// to a ratio whose denominator crosses zero: then no interval is honest.
std::pair<double, double> interval95(std::vector<double> x) {
  if (x.size() < 2 || std::any_of(x.begin(), x.end(), [](double v) { return !std::isfinite(v); })) return {NAN, NAN};
  std::sort(x.begin(), x.end());
  const auto at = [&](double q) {
    const double pos = q * static_cast<double>(x.size() - 1);
    const auto i = static_cast<std::size_t>(pos);
    const double f = pos - static_cast<double>(i);
    return i + 1 < x.size() ? x[i] * (1 - f) + x[i + 1] * f : x[i];
  };
  return {at(0.025), at(0.975)};
}

double draw(const UncertainValue& v, RandomStream& stream) {
  if (v.low == v.high) return v.value;
  return boost::random::triangle_distribution<double>(v.low, v.value, v.high)(stream);
}

// The quantities reported per arm and analysis, in order, with how each is read from a valuation.
struct Quantity {
  std::string link, name, basis, unit;
  std::function<double(const Valuation&)> of;
};

std::vector<Quantity> quantities(const EconomicsSpec& e) {
  const std::string money = e.currency;
  std::vector<Quantity> q = {{"", "program_cost_difference", "simulated", money, [](const Valuation& v) { return v.cost_difference; }}};
  for (std::size_t k = 0; k < e.links.size(); ++k) {
    const std::string& l = e.links[k].name;
    q.push_back({l, "cases_prevented", "simulated", "share of families", [k](const Valuation& v) { return v.cases_prevented[k]; }});
    q.push_back({l, "cost_per_case_prevented", "simulated", money, [k](const Valuation& v) {
                   return v.cases_prevented[k] > 0 ? v.cost_difference / v.cases_prevented[k] : NAN;
                 }});
    q.push_back({l, "later_outcomes_prevented", "projected", "share of families",
                 [k](const Valuation& v) { return v.later_reference[k] - v.later_arm[k]; }});
    q.push_back({l, "cost_per_later_outcome_prevented", "projected", money, [k](const Valuation& v) {
                   const double prevented = v.later_reference[k] - v.later_arm[k];
                   return prevented > 0 ? v.cost_difference / prevented : NAN;
                 }});
    q.push_back({l, "benefit", "projected", money, [k](const Valuation& v) { return v.benefit[k]; }});
  }
  q.push_back({"", "benefits", "projected", money, [](const Valuation& v) { return v.benefits; }});
  q.push_back({"", "net_present_benefit", "projected", money, [](const Valuation& v) { return v.net_present_benefit; }});
  q.push_back({"", "benefit_cost_ratio", "projected", "ratio", [](const Valuation& v) { return v.benefit_cost_ratio; }});
  return q;
}

EconomicShares mean_of(const std::vector<const EconomicShares*>& rows) {
  EconomicShares m = *rows.front();
  const double n = static_cast<double>(rows.size());
  m.n_arm = m.n_reference = m.cost_arm = m.cost_reference = 0;
  std::fill(m.case_arm.begin(), m.case_arm.end(), 0.0);
  std::fill(m.case_reference.begin(), m.case_reference.end(), 0.0);
  for (const auto* r : rows) {
    m.n_arm += r->n_arm / n, m.n_reference += r->n_reference / n;
    m.cost_arm += r->cost_arm / n, m.cost_reference += r->cost_reference / n;
    for (std::size_t k = 0; k < m.case_arm.size(); ++k)
      m.case_arm[k] += r->case_arm[k] / n, m.case_reference[k] += r->case_reference[k] / n;
  }
  return m;
}

}  // namespace

double present_value_factor(double rate, double from_years, double to_years, double at_years) {
  const auto discount = [&](double age) { return std::pow(1 + rate, -(age - at_years)); };
  if (to_years <= from_years) return discount(from_years);
  double sum = 0;
  for (double y = from_years; y < to_years; y += 1) sum += discount(y);
  return sum / (to_years - from_years);
}

std::vector<EconomicShares> economic_shares(const TrialSpec& spec, const EconomicsSpec& economics, const TrialDesign& design,
                                            const std::vector<Column>& columns, const TrialReplicate& r, std::int64_t replicate) {
  std::vector<EconomicShares> out;
  const std::size_t cost = column_index(columns, design.cost_column);
  std::vector<std::size_t> case_columns, measured_by;
  for (const auto& l : economics.links) {
    case_columns.push_back(column_index(columns, l.rule.column));
    measured_by.push_back(measured_by_index(columns, case_columns.back()));
  }
  const std::size_t links = economics.links.size(), n = r.enrolled.size();
  for (std::size_t a = 1; a < spec.arms.size(); ++a)
    for (const char* analysis : {"itt", "twins"}) {
      EconomicShares s;
      s.replicate = replicate, s.arm = spec.arms[a].name, s.analysis = analysis;
      s.case_arm.assign(links, 0.0), s.case_reference.assign(links, 0.0);
      // A link's case share is complete-case: over the families in which its outcome was measured.
      std::vector<double> measured_arm(links, 0.0), measured_reference(links, 0.0);
      const auto add = [&](const RecordBlock& block, std::size_t i, bool in_arm) {
        (in_arm ? s.n_arm : s.n_reference) += 1;
        (in_arm ? s.cost_arm : s.cost_reference) += block.value(cost, i);
        auto& cases = in_arm ? s.case_arm : s.case_reference;
        auto& measured = in_arm ? measured_arm : measured_reference;
        for (std::size_t k = 0; k < links; ++k)
          if (is_measured(block, measured_by[k], i)) {
            measured[k] += 1;
            cases[k] += economics.links[k].rule.admits(block.value(case_columns[k], i)) ? 1.0 : 0.0;
          }
      };
      for (std::size_t i = 0; i < n; ++i) {
        if (s.analysis == "twins") {
          add(r.twins[a], i, true), add(r.twins[0], i, false);
        } else if (const auto assigned = static_cast<std::size_t>(r.assigned[i]); assigned == a || assigned == 0) {
          add(r.twins[assigned], i, assigned == a);
        }
      }
      if (s.n_arm < 1 || s.n_reference < 1) continue;
      s.cost_arm /= s.n_arm, s.cost_reference /= s.n_reference;
      for (std::size_t k = 0; k < links; ++k) {
        // A link measured in no family of a sample counts no cases there.
        s.case_arm[k] = measured_arm[k] > 0 ? s.case_arm[k] / measured_arm[k] : 0.0;
        s.case_reference[k] = measured_reference[k] > 0 ? s.case_reference[k] / measured_reference[k] : 0.0;
      }
      out.push_back(std::move(s));
    }
  return out;
}

Prices central_prices(const EconomicsSpec& economics) {
  Prices p;
  for (const auto& l : economics.links)
    p.if_case.push_back(l.probability_if_case.value), p.otherwise.push_back(l.probability_otherwise.value), p.cost.push_back(l.cost.value);
  return p;
}

Prices draw_prices(const EconomicsSpec& economics, RandomStream& stream) {
  Prices p;
  for (const auto& l : economics.links) {
    p.if_case.push_back(draw(l.probability_if_case, stream));
    p.otherwise.push_back(draw(l.probability_otherwise, stream));
    p.cost.push_back(draw(l.cost, stream));
  }
  return p;
}

Valuation value(const EconomicsSpec& economics, const EconomicShares& s, const Prices& prices) {
  Valuation v;
  v.cost_difference = s.cost_arm - s.cost_reference;
  const double at = economics.present_value_age_months / 12;
  for (std::size_t k = 0; k < economics.links.size(); ++k) {
    const auto& l = economics.links[k];
    const double later_arm = s.case_arm[k] * prices.if_case[k] + (1 - s.case_arm[k]) * prices.otherwise[k];
    const double later_ref = s.case_reference[k] * prices.if_case[k] + (1 - s.case_reference[k]) * prices.otherwise[k];
    const double per_outcome = prices.cost[k] * present_value_factor(economics.discount_rate, l.from_age_years, l.to_age_years, at);
    v.cases_prevented.push_back(s.case_reference[k] - s.case_arm[k]);
    v.later_arm.push_back(later_arm), v.later_reference.push_back(later_ref);
    v.cost_arm.push_back(later_arm * per_outcome), v.cost_reference.push_back(later_ref * per_outcome);
    v.benefit.push_back(v.cost_reference.back() - v.cost_arm.back());
    v.benefits += v.benefit.back();
  }
  v.net_present_benefit = v.benefits - v.cost_difference;
  if (v.cost_difference > 0) v.benefit_cost_ratio = v.benefits / v.cost_difference;
  return v;
}

std::vector<EconomicSummary> summarize_economics(const EconomicsSpec& economics, const std::vector<EconomicShares>& all,
                                                 std::uint64_t seed) {
  std::vector<EconomicSummary> out;
  const auto measures = quantities(economics);
  const Prices central = central_prices(economics);
  std::vector<Prices> draws;
  for (std::int64_t d = 0; d < economics.price_draws; ++d) {
    RandomStream stream(seed, static_cast<std::uint64_t>(d), prices_purpose);
    draws.push_back(draw_prices(economics, stream));
  }
  // Arm and analysis pairs in the order they first appear.
  std::vector<std::pair<std::string, std::string>> keys;
  for (const auto& s : all)
    if (std::find(keys.begin(), keys.end(), std::make_pair(s.arm, s.analysis)) == keys.end()) keys.emplace_back(s.arm, s.analysis);
  for (const auto& [arm, analysis] : keys) {
    std::vector<const EconomicShares*> replicates;
    for (const auto& s : all)
      if (s.arm == arm && s.analysis == analysis) replicates.push_back(&s);
    const EconomicShares mean = mean_of(replicates);
    const Valuation at_mean = value(economics, mean, central);
    std::vector<Valuation> over_replicates, over_prices, over_both;
    for (const auto* r : replicates) over_replicates.push_back(value(economics, *r, central));
    for (std::size_t d = 0; d < draws.size(); ++d) {
      over_prices.push_back(value(economics, mean, draws[d]));
      over_both.push_back(value(economics, *replicates[d % replicates.size()], draws[d]));
    }
    for (const auto& q : measures) {
      EconomicSummary row{arm, analysis, q.link, q.name, q.basis, q.unit};
      row.value = q.of(at_mean);
      const auto spread = [&](const std::vector<Valuation>& vs) {
        std::vector<double> x;
        for (const auto& v : vs) x.push_back(q.of(v));
        return interval95(std::move(x));
      };
      std::tie(row.replicates_low, row.replicates_high) = spread(over_replicates);
      std::tie(row.prices_low, row.prices_high) = spread(over_prices);
      std::tie(row.low, row.high) = spread(over_both);
      out.push_back(row);
    }
  }
  return out;
}

std::string format_economics(const EconomicsSpec& e, const std::vector<EconomicSummary>& rows, double last_follow_up_months,
                             const std::vector<std::string>& unpriced) {
  // Text of any length goes to the stream as it is (a link's description has no bound); only numbers
  // go through fixed buffers.
  std::ostringstream s;
  const auto g = [](double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return std::string(text);
  };
  s << "costs and benefits: " << e.name << "\n  " << e.currency << " per family, present values at "
    << g(e.present_value_age_months) << " months, discounted at " << g(100 * e.discount_rate) << "% a year (" << e.file << ")\n";
  s << "  simulated (to the last follow-up, " << g(last_follow_up_months)
    << " months): program costs and cases; projected (beyond it, by the links'\n"
       "  published chances and prices): later outcomes, their costs, benefits, net benefit and ratio\n";
  for (const auto& l : e.links) {
    const std::string ages = l.to_age_years > l.from_age_years ? "ages " + g(l.from_age_years) + " to " + g(l.to_age_years - 1)
                                                               : "age " + g(l.from_age_years);
    s << "  link " << l.name << ": case " << l.describe_case() << " -> " << l.later_outcome << ", at " << ages << "\n";
  }
  if (!unpriced.empty()) {
    s << "  not priced (no link in this file):";
    for (std::size_t i = 0; i < unpriced.size(); ++i) s << (i ? ", " : " ") << unpriced[i];
    s << "\n";
  }
  const auto number = [&](double v, const std::string& unit) {
    char text[64];
    if (!std::isfinite(v)) return std::string("-");
    if (unit == "share of families") std::snprintf(text, sizeof text, "%.4f", v);
    else if (unit == "ratio") std::snprintf(text, sizeof text, "%.2f", v);
    else std::snprintf(text, sizeof text, "%.0f", v);
    return std::string(text);
  };
  const auto range = [&](double lo, double hi, const std::string& unit) {
    return std::isfinite(lo) ? number(lo, unit) + " to " + number(hi, unit) : std::string("-");
  };
  // A table row: left-aligned name and basis, right-aligned numbers; a longer name widens its row.
  const auto row = [&](const std::string& name, const std::string& basis, const std::string& value, const std::string& a,
                       const std::string& b, const std::string& c) {
    s << "  " << std::left << std::setw(52) << name << ' ' << std::setw(9) << basis << ' ' << std::right << std::setw(10)
      << value << ' ' << std::setw(24) << a << ' ' << std::setw(24) << b << ' ' << std::setw(24) << c << "\n";
  };
  std::string current;
  for (const auto& r : rows) {
    if (r.arm + "/" + r.analysis != current) {
      current = r.arm + "/" + r.analysis;
      s << "\n" << r.arm << ", " << (r.analysis == "itt" ? "intention to treat" : "twins (every enrolled family under both arms)") << "\n";
      row("quantity", "basis", "value", "95% over replicates", "95% over prices", "95% over both");
    }
    const std::string name = (r.link.empty() ? "" : r.link + ": ") + r.quantity;
    // A simulated quantity does not depend on the prices: no interval over them is shown.
    const bool simulated = r.basis == "simulated";
    const std::string over_replicates = range(r.replicates_low, r.replicates_high, r.unit);
    row(name, r.basis, number(r.value, r.unit), over_replicates, simulated ? "-" : range(r.prices_low, r.prices_high, r.unit),
        simulated ? over_replicates : range(r.low, r.high, r.unit));
  }
  return s.str();
}

}  // namespace attachsim::sim
