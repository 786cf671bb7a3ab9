#include "sim/trials/trial_analysis.hpp"

#include "sim/trials/column_rule.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <tuple>

namespace attachsim::sim {
namespace {

constexpr double z95 = 1.959963984540054;
const double d_per_log_odds = std::sqrt(3.0) / 3.141592653589793;  // Chinn 2000

struct Sample {
  double n = 0, sum = 0, sum2 = 0, cost = 0;
  void add(double x, double c) { n += 1, sum += x, sum2 += x * x, cost += c; }
  double mean() const { return n > 0 ? sum / n : NAN; }
  double variance() const { return n > 1 ? (sum2 - sum * sum / n) / (n - 1) : 0.0; }
};

Contrast compare(const TrialOutcome& o, const Sample& arm, const Sample& ref, bool success) {
  Contrast c;
  c.n_arm = arm.n, c.n_reference = ref.n;
  c.arm_value = arm.mean(), c.reference_value = ref.mean();
  c.difference = c.arm_value - c.reference_value;
  c.cost_difference = (arm.n > 0 ? arm.cost / arm.n : 0) - (ref.n > 0 ? ref.cost / ref.n : 0);
  if (o.binary) {
    const double p1 = c.arm_value, p0 = c.reference_value;
    const double se = std::sqrt(p1 * (1 - p1) / arm.n + p0 * (1 - p0) / ref.n);
    c.difference_low = c.difference - z95 * se, c.difference_high = c.difference + z95 * se;
    // Odds ratio with Haldane's correction when a cell is empty.
    double a = arm.sum, b = arm.n - arm.sum, cc = ref.sum, d = ref.n - ref.sum;
    if (a == 0 || b == 0 || cc == 0 || d == 0) a += 0.5, b += 0.5, cc += 0.5, d += 0.5;
    const double log_or = std::log(a * d / (b * cc)), log_se = std::sqrt(1 / a + 1 / b + 1 / cc + 1 / d);
    c.odds_ratio = std::exp(log_or);
    c.odds_ratio_low = std::exp(log_or - z95 * log_se), c.odds_ratio_high = std::exp(log_or + z95 * log_se);
    c.cohens_d = log_or * d_per_log_odds;
    c.d_low = (log_or - z95 * log_se) * d_per_log_odds, c.d_high = (log_or + z95 * log_se) * d_per_log_odds;
    c.significant = c.odds_ratio_low > 1 || c.odds_ratio_high < 1;
    if (success && c.difference > 0) {
      c.nnt = 1 / c.difference;
      c.cost_per_success = c.cost_difference / c.difference;
    }
  } else {
    const double pooled = std::sqrt(((arm.n - 1) * arm.variance() + (ref.n - 1) * ref.variance()) / (arm.n + ref.n - 2));
    const double se = std::sqrt(arm.variance() / arm.n + ref.variance() / ref.n);
    c.difference_low = c.difference - z95 * se, c.difference_high = c.difference + z95 * se;
    c.cohens_d = pooled > 0 ? c.difference / pooled : 0.0;
    const double d_se = std::sqrt((arm.n + ref.n) / (arm.n * ref.n) + c.cohens_d * c.cohens_d / (2 * (arm.n + ref.n)));
    c.d_low = c.cohens_d - z95 * d_se, c.d_high = c.cohens_d + z95 * d_se;
    c.significant = c.d_low > 0 || c.d_high < 0;
  }
  return c;
}

std::string level_of(const TrialModerator& m, double v, double median, const Column& column) {
  if (m.median_split) return v < median ? "below median" : "at or above median";
  if (!m.edges.empty()) {
    for (std::size_t i = 0; i + 1 < m.edges.size(); ++i)
      if (v >= m.edges[i] && v < m.edges[i + 1]) {
        char text[64];
        std::snprintf(text, sizeof text, "%g to %g", m.edges[i], m.edges[i + 1] - 1);
        return text;
      }
    char text[64];
    std::snprintf(text, sizeof text, "%g or more", m.edges.back());
    return text;
  }
  if (column.type == ColumnType::label) return label_text(v);
  char text[64];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

}  // namespace

double outcome_value(const TrialOutcome& o, const RecordBlock& block, std::size_t column, std::size_t row) {
  const double v = block.value(column, row);
  return o.binary ? (v == label_code(o.positive_label.c_str()) ? 1.0 : 0.0) : v;
}

std::vector<Contrast> contrasts(const TrialSpec& spec, const TrialDesign& design, const std::vector<Column>& columns,
                                const TrialReplicate& r, std::int64_t replicate) {
  std::vector<Contrast> out;
  const std::size_t cost = column_index(columns, design.cost_column), adherent = column_index(columns, design.adherence_column);
  const std::size_t n = r.enrolled.size();
  for (const auto& f : spec.follow_ups)
    for (const auto& o : design.outcomes(f.age_months, f.instruments)) {
      const std::size_t column = column_index(columns, o.column), measured = measured_by_index(columns, column);
      if (column == columns.size()) continue;
      const bool success = o.name == design.success_outcome;
      for (std::size_t a = 1; a < spec.arms.size(); ++a)
        for (const char* analysis : {"itt", "per_protocol", "twins"}) {
          Sample arm, ref;
          const std::string kind = analysis;
          // Twins: every enrolled dyad measured under both arms.
          const auto both_measured = [&](std::size_t i) {
            return is_measured(r.twins[a], measured, i) && is_measured(r.twins[0], measured, i);
          };
          for (std::size_t i = 0; i < n; ++i) {
            const auto assigned = static_cast<std::size_t>(r.assigned[i]);
            if (kind == "twins") {
              if (!both_measured(i)) continue;
              arm.add(outcome_value(o, r.twins[a], column, i), r.twins[a].value(cost, i));
              ref.add(outcome_value(o, r.twins[0], column, i), r.twins[0].value(cost, i));
              continue;
            }
            if (assigned != a && assigned != 0) continue;
            const RecordBlock& own = r.twins[assigned];
            if (kind == "per_protocol" && own.value(adherent, i) < 1) continue;
            if (!is_measured(own, measured, i)) continue;
            (assigned == a ? arm : ref).add(outcome_value(o, own, column, i), own.value(cost, i));
          }
          if (arm.n < 2 || ref.n < 2) continue;
          Contrast c = compare(o, arm, ref, success);
          if (kind == "twins") {  // paired: the interval of the mean individual effect
            double s = 0, s2 = 0;
            for (std::size_t i = 0; i < n; ++i) {
              if (!both_measured(i)) continue;
              const double e = outcome_value(o, r.twins[a], column, i) - outcome_value(o, r.twins[0], column, i);
              s += e, s2 += e * e;
            }
            const double pairs = arm.n, mean = s / pairs;
            const double se = std::sqrt(std::max(0.0, (s2 - s * mean) / (pairs - 1)) / pairs);
            c.difference_low = mean - z95 * se, c.difference_high = mean + z95 * se;
          }
          c.replicate = replicate, c.age_months = f.age_months, c.outcome = o.name, c.arm = spec.arms[a].name;
          c.analysis = kind;
          out.push_back(c);
        }
      // Comparison groups (not randomized) against the reference arm as randomized.
      for (std::size_t g = 0; g < spec.comparison_groups.size(); ++g) {
        Sample group, ref;
        const RecordBlock& block = r.groups[g];
        for (std::size_t i = 0; i < block.size(); ++i)
          if (is_measured(block, measured, i)) group.add(outcome_value(o, block, column, i), block.value(cost, i));
        for (std::size_t i = 0; i < n; ++i)
          if (r.assigned[i] == 0 && is_measured(r.twins[0], measured, i)) ref.add(outcome_value(o, r.twins[0], column, i), r.twins[0].value(cost, i));
        if (group.n < 2 || ref.n < 2) continue;
        Contrast c = compare(o, group, ref, false);
        c.replicate = replicate, c.age_months = f.age_months, c.outcome = o.name, c.arm = spec.comparison_groups[g].name;
        c.analysis = "comparison";
        out.push_back(c);
      }
    }
  return out;
}

std::vector<Transition> transitions(const TrialSpec& spec, const TrialDesign& design, const std::vector<Column>& columns,
                                    const TrialReplicate& r, std::int64_t replicate) {
  std::vector<Transition> out;
  if (design.transition_outcome.empty()) return out;
  // Where the transition outcome is measured (in order of age), with the tracked outcomes there.
  struct Measure {
    double age = 0;
    TrialOutcome outcome;
    std::size_t column = 0, measured = 0;
    std::vector<std::pair<TrialOutcome, std::size_t>> tracked;  // column = columns.size() if not measured
  };
  std::vector<Measure> measures;
  for (const auto& f : spec.follow_ups) {
    const auto outcomes = design.outcomes(f.age_months, f.instruments);
    const auto named = [&](const std::string& name) {
      for (const auto& o : outcomes)
        if (o.name == name && o.binary) return std::make_pair(o, column_index(columns, o.column));
      return std::make_pair(TrialOutcome{}, columns.size());
    };
    Measure m;
    m.age = f.age_months;
    std::tie(m.outcome, m.column) = named(design.transition_outcome);
    if (m.column == columns.size()) continue;
    m.measured = measured_by_index(columns, m.column);
    for (const auto& t : design.tracked_outcomes) m.tracked.push_back(named(t));
    measures.push_back(m);
  }
  std::sort(measures.begin(), measures.end(), [](const Measure& a, const Measure& b) { return a.age < b.age; });
  if (measures.empty()) return out;

  // One row: `rows` of `before` at `from` against the same rows of `after` at `to`; `arm` > 0 adds the
  // twin difference (arm minus reference twins, at `to`). Only rows measured at both ages count, and for
  // the twin difference only those measured under both arms; the tracked outcomes come from the same
  // assessments as the transition outcome.
  std::vector<std::size_t> rows;
  const auto row = [&](const std::string& name, const std::string& analysis, const std::string& baseline, const Measure& from,
                       const Measure& to, const RecordBlock& before, const RecordBlock& after, const std::vector<std::size_t>& candidates,
                       std::size_t arm) {
    rows.clear();
    for (std::size_t i : candidates)
      if (is_measured(before, from.measured, i) && is_measured(after, to.measured, i)) rows.push_back(i);
    if (rows.empty()) return;
    Transition t;
    t.replicate = replicate, t.arm = name, t.analysis = analysis, t.baseline = baseline;
    t.from_age = from.age, t.to_age = to.age, t.n = static_cast<double>(rows.size());
    const double n = t.n;
    for (std::size_t k = 0; k < design.tracked_outcomes.size(); ++k) {
      const auto& [o_from, c_from] = from.tracked[k];
      const auto& [o_to, c_to] = to.tracked[k];
      double b = 0, a = 0, d = 0, pairs = 0;
      for (std::size_t i : rows) {
        if (c_from < columns.size()) b += outcome_value(o_from, before, c_from, i);
        if (c_to < columns.size()) {
          a += outcome_value(o_to, after, c_to, i);
          if (arm > 0 && is_measured(r.twins[arm], to.measured, i) && is_measured(r.twins[0], to.measured, i)) {
            d += outcome_value(o_to, r.twins[arm], c_to, i) - outcome_value(o_to, r.twins[0], c_to, i);
            pairs += 1;
          }
        }
      }
      t.share_baseline.push_back(c_from < columns.size() ? b / n : NAN);
      t.share.push_back(c_to < columns.size() ? a / n : NAN);
      t.twin_difference.push_back(arm > 0 && c_to < columns.size() && pairs > 0 ? d / pairs : NAN);
    }
    double gained = 0, lost = 0;
    for (std::size_t i : rows) {
      const bool had = outcome_value(from.outcome, before, from.column, i) > 0, has = outcome_value(to.outcome, after, to.column, i) > 0;
      t.absent_baseline += !had, t.present_baseline += had;
      gained += !had && has, lost += had && !has;
    }
    if (t.absent_baseline > 0) t.gained = gained / t.absent_baseline;
    if (t.present_baseline > 0) t.lost = lost / t.present_baseline;
    out.push_back(t);
  };

  const std::size_t adherent = column_index(columns, design.adherence_column);
  const std::size_t n = r.enrolled.size();
  for (std::size_t a = 0; a < spec.arms.size(); ++a)
    for (const char* analysis : {"itt", "per_protocol"}) {
      std::vector<std::size_t> members;
      for (std::size_t i = 0; i < n; ++i)
        if (static_cast<std::size_t>(r.assigned[i]) == a &&
            (std::string(analysis) == "itt" || adherent == columns.size() || r.twins[a].value(adherent, i) >= 1))
          members.push_back(i);
      const RecordBlock& own = r.twins[a];
      for (std::size_t m = 1; m < measures.size(); ++m)
        row(spec.arms[a].name, analysis, "first", measures.front(), measures[m], own, own, members, a);
      if (a > 0 && measures.size() == 1)
        for (const auto& m : measures) row(spec.arms[a].name, analysis, "twin", m, m, r.twins[0], own, members, a);
    }
  for (std::size_t g = 0; g < spec.comparison_groups.size(); ++g) {
    std::vector<std::size_t> members(r.groups[g].size());
    for (std::size_t i = 0; i < members.size(); ++i) members[i] = i;
    for (std::size_t m = 1; m < measures.size(); ++m)
      row(spec.comparison_groups[g].name, "comparison", "first", measures.front(), measures[m], r.groups[g], r.groups[g], members, 0);
  }
  return out;
}

std::vector<ModeratorEffect> moderators(const TrialSpec& spec, const TrialDesign& design,
                                        const std::vector<Column>& columns, const TrialReplicate& r) {
  std::vector<ModeratorEffect> out;
  const std::size_t n = r.enrolled.size();
  for (const auto& f : spec.follow_ups)
    for (const auto& o : design.outcomes(f.age_months, f.instruments)) {
      const std::size_t column = column_index(columns, o.column), measured = measured_by_index(columns, column);
      if (column == columns.size()) continue;
      for (std::size_t a = 1; a < spec.arms.size(); ++a)
        for (const auto& m : design.moderators) {
          const std::size_t mc = column_index(columns, m.column);
          if (mc == columns.size()) continue;
          std::vector<double> values;
          for (std::size_t i = 0; i < n; ++i) values.push_back(r.twins[0].value(mc, i));
          std::vector<double> sorted = values;
          std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(n / 2), sorted.end());
          const double median = sorted[n / 2];
          std::map<std::string, Sample> levels;
          for (std::size_t i = 0; i < n; ++i) {
            if (!is_measured(r.twins[a], measured, i) || !is_measured(r.twins[0], measured, i)) continue;
            const double effect = outcome_value(o, r.twins[a], column, i) - outcome_value(o, r.twins[0], column, i);
            levels[level_of(m, values[i], median, columns[mc])].add(effect, 0);
          }
          for (const auto& [level, s] : levels)
            out.push_back({f.age_months, o.name, spec.arms[a].name, m.name, level, s.n, s.mean(),
                           s.n > 1 ? std::sqrt(s.variance() / s.n) : NAN});
        }
    }
  return out;
}

std::vector<PowerRow> power(const std::vector<Contrast>& all) {
  std::map<std::tuple<double, std::string, std::string>, std::vector<const Contrast*>> groups;
  for (const auto& c : all)
    if (c.analysis == "itt") groups[{c.age_months, c.outcome, c.arm}].push_back(&c);
  std::vector<PowerRow> out;
  for (const auto& [key, rows] : groups) {
    PowerRow p;
    p.age_months = std::get<0>(key), p.outcome = std::get<1>(key), p.arm = std::get<2>(key);
    p.replicates = static_cast<double>(rows.size());
    std::vector<double> diffs;
    double significant = 0, d = 0;
    for (const auto* c : rows) diffs.push_back(c->difference), significant += c->significant, d += c->cohens_d;
    const double mean = std::accumulate(diffs.begin(), diffs.end(), 0.0) / p.replicates;
    double ss = 0;
    for (double x : diffs) ss += (x - mean) * (x - mean);
    std::sort(diffs.begin(), diffs.end());
    const auto quantile = [&](double q) { return diffs[static_cast<std::size_t>(std::floor(q * (p.replicates - 1) + 0.5))]; };
    p.mean_difference = mean, p.sd_difference = p.replicates > 1 ? std::sqrt(ss / (p.replicates - 1)) : 0.0;
    p.low = quantile(0.025), p.high = quantile(0.975), p.power = significant / p.replicates, p.mean_d = d / p.replicates;
    out.push_back(p);
  }
  return out;
}

std::string format_contrasts(const std::vector<Contrast>& rows, const std::string& cost_unit) {
  std::string s;
  char line[512];
  std::snprintf(line, sizeof line, "%-5s %-15s %-20s %-12s %7s %7s %24s %22s %20s %7s %12s\n", "age", "outcome", "arm",
                "analysis", "arm", "ref", "difference [95% CI]", "odds ratio [95% CI]", "d [95% CI]", "NNT",
                ("cost/succ " + cost_unit).substr(0, 12).c_str());
  s += line;
  for (const auto& c : rows) {
    std::snprintf(line, sizeof line, "%-5g %-15s %-20s %-12s %7.3f %7.3f %8.3f [%6.3f,%6.3f] %6.2f [%5.2f,%6.2f] %6.2f [%5.2f,%5.2f] %7.1f %12.0f\n",
                  c.age_months, c.outcome.c_str(), c.arm.substr(0, 20).c_str(), c.analysis.c_str(), c.arm_value,
                  c.reference_value, c.difference, c.difference_low, c.difference_high, c.odds_ratio, c.odds_ratio_low,
                  c.odds_ratio_high, c.cohens_d, c.d_low, c.d_high, c.nnt, c.cost_per_success);
    s += line;
  }
  return s;
}

std::string format_transitions(const std::vector<Transition>& rows, const TrialDesign& design) {
  std::string s;
  char line[512];
  std::snprintf(line, sizeof line, "%-11s %-20s %-12s %-8s %6s", "age", "arm", "analysis", "baseline", "n");
  s += line;
  for (const auto& t : design.tracked_outcomes) {
    std::snprintf(line, sizeof line, " %21s", (t.substr(0, 12) + " (twin diff)").c_str());
    s += line;
  }
  const std::string gained = design.transition_absent + "->" + design.transition_outcome,
                    lost = design.transition_outcome + "->" + design.transition_absent;
  std::snprintf(line, sizeof line, " %21s %21s\n", gained.c_str(), lost.c_str());
  s += line;
  for (const auto& t : rows) {
    char ages[32];
    std::snprintf(ages, sizeof ages, "%g->%g", t.from_age, t.to_age);
    std::snprintf(line, sizeof line, "%-11s %-20s %-12s %-8s %6.0f", ages, t.arm.substr(0, 20).c_str(), t.analysis.c_str(),
                  t.baseline.c_str(), t.n);
    s += line;
    for (std::size_t k = 0; k < t.share.size(); ++k) {
      std::snprintf(line, sizeof line, "  %.3f->%.3f (%+.3f)", t.share_baseline[k], t.share[k], t.twin_difference[k]);
      s += line;
    }
    std::snprintf(line, sizeof line, "  %6.3f of %-6.0f     %6.3f of %-6.0f\n", t.gained, t.absent_baseline, t.lost, t.present_baseline);
    s += line;
  }
  return s;
}

std::string format_moderators(const std::vector<ModeratorEffect>& rows) {
  std::string s;
  char line[256];
  std::snprintf(line, sizeof line, "%-5s %-15s %-20s %-24s %-20s %6s %12s\n", "age", "outcome", "arm", "moderator",
                "level", "n", "effect (SE)");
  s += line;
  for (const auto& m : rows) {
    std::snprintf(line, sizeof line, "%-5g %-15s %-20s %-24s %-20s %6.0f %6.3f (%.3f)\n", m.age_months, m.outcome.c_str(),
                  m.arm.substr(0, 20).c_str(), m.moderator.c_str(), m.level.c_str(), m.n, m.mean_effect, m.se);
    s += line;
  }
  return s;
}

std::string format_power(const std::vector<PowerRow>& rows) {
  std::string s;
  char line[256];
  std::snprintf(line, sizeof line, "%-5s %-15s %-20s %10s %22s %8s %6s\n", "age", "outcome", "arm", "replicates",
                "difference (95% range)", "mean d", "power");
  s += line;
  for (const auto& p : rows) {
    std::snprintf(line, sizeof line, "%-5g %-15s %-20s %10.0f %7.3f (%6.3f,%6.3f) %8.2f %6.2f\n", p.age_months,
                  p.outcome.c_str(), p.arm.substr(0, 20).c_str(), p.replicates, p.mean_difference, p.low, p.high,
                  p.mean_d, p.power);
    s += line;
  }
  return s;
}

}  // namespace attachsim::sim
