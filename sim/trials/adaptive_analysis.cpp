#include "sim/trials/adaptive_analysis.hpp"

#include "sim/core/random_stream.hpp"
#include "sim/trials/column_rule.hpp"
#include "sim/trials/trial_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace attachsim::sim {
namespace {

constexpr std::uint32_t bootstrap_purpose = 0x424F4F54;  // 'BOOT'

// The block holding family i's record under sequence s, given its response under s's first stage.
const RecordBlock& record_under(const TrialReplicate& r, const EmbeddedSequence& s, bool responded) {
  if (!responded) return r.non_responder_twins[s.arm][static_cast<std::size_t>(s.non_responder_option)];
  return s.responder_option < 0 ? r.twins[s.arm] : r.responder_twins[s.arm][static_cast<std::size_t>(s.responder_option)];
}

double percentile(std::vector<double> x, double p) {
  std::sort(x.begin(), x.end());
  const double at = p * static_cast<double>(x.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(at));
  const std::size_t hi = std::min(lo + 1, x.size() - 1);
  return x[lo] + (at - static_cast<double>(lo)) * (x[hi] - x[lo]);
}

}  // namespace

std::vector<EmbeddedSequence> embedded_sequences(const TrialSpec& spec) {
  std::vector<EmbeddedSequence> out;
  const DecisionPoint& d = *spec.decision;
  const int responder_options = d.responders.empty() ? 1 : static_cast<int>(d.responders.size());
  for (std::size_t a = 0; a < spec.arms.size(); ++a)
    for (int j = 0; j < static_cast<int>(d.non_responders.size()); ++j)
      for (int k = 0; k < responder_options; ++k) {
        EmbeddedSequence s{a, j, d.responders.empty() ? -1 : k, ""};
        s.name = spec.arms[a].name + ", non-responders: " + d.non_responders[static_cast<std::size_t>(j)].name +
                 ", responders: " + (s.responder_option < 0 ? std::string("continue") : d.responders[static_cast<std::size_t>(k)].name);
        out.push_back(s);
      }
  return out;
}

std::vector<SequenceEstimate> adaptive_estimates(const TrialSpec& spec, const TrialDesign& design, const std::vector<Column>& columns,
                                                 const TrialReplicate& r, std::int64_t replicate) {
  const DecisionPoint& d = *spec.decision;
  const auto sequences = embedded_sequences(spec);
  const std::size_t n = r.enrolled.size(), S = sequences.size();
  // Each family's weight for each sequence: the inverse chance of its assignments if they are
  // consistent with it, else 0.
  std::vector<std::vector<double>> weight(S, std::vector<double>(n, 0.0));
  for (std::size_t s = 0; s < S; ++s) {
    const auto& q = sequences[s];
    for (std::size_t i = 0; i < n; ++i) {
      if (static_cast<std::size_t>(r.assigned[i]) != q.arm) continue;
      const bool responded = r.responded[q.arm][i];
      double w = 1 / spec.arms[q.arm].allocation;
      if (!responded) {
        if (r.option[i] != q.non_responder_option) continue;
        w /= d.non_responders[static_cast<std::size_t>(q.non_responder_option)].allocation;
      } else if (q.responder_option >= 0) {
        if (r.option[i] != q.responder_option) continue;
        w /= d.responders[static_cast<std::size_t>(q.responder_option)].allocation;
      }
      weight[s][i] = w;
    }
  }

  std::vector<SequenceEstimate> out;
  for (const auto& f : spec.follow_ups) {
    if (f.age_months <= d.age_months) continue;  // the sequences differ only after the decision
    for (const auto& o : design.outcomes(f.age_months, f.instruments)) {
      const std::size_t column = column_index(columns, o.column);
      if (column == columns.size()) continue;
      const std::size_t measured = measured_by_index(columns, column);
      // The outcome each family had (under its own assignments) and would have had under each sequence;
      // NaN where it was not measured (complete-case: such families are left out of the estimates).
      std::vector<double> observed(n);
      std::vector<std::vector<double>> under(S, std::vector<double>(n));
      for (std::size_t i = 0; i < n; ++i) {
        const auto a = static_cast<std::size_t>(r.assigned[i]);
        const bool responded = r.responded[a][i];
        const RecordBlock& own = !responded ? r.non_responder_twins[a][static_cast<std::size_t>(r.option[i])]
                                 : r.option[i] < 0 ? r.twins[a] : r.responder_twins[a][static_cast<std::size_t>(r.option[i])];
        observed[i] = is_measured(own, measured, i) ? outcome_value(o, own, column, i) : NAN;
        for (std::size_t s = 0; s < S; ++s) {
          const RecordBlock& block = record_under(r, sequences[s], r.responded[sequences[s].arm][i]);
          under[s][i] = is_measured(block, measured, i) ? outcome_value(o, block, column, i) : NAN;
        }
      }
      const auto estimate = [&](std::size_t s, const std::vector<std::size_t>* sample) {
        double sw = 0, swy = 0;
        for (std::size_t k = 0; k < n; ++k) {
          const std::size_t i = sample ? (*sample)[k] : k;
          if (std::isnan(observed[i])) continue;
          sw += weight[s][i], swy += weight[s][i] * observed[i];
        }
        return sw > 0 ? swy / sw : NAN;
      };
      // Bootstrap over families: the same resamples for every sequence, so differences are paired.
      RandomStream stream(spec.seed ^ static_cast<std::uint64_t>(replicate), static_cast<std::uint64_t>(out.size()), bootstrap_purpose);
      std::vector<std::vector<double>> draws(S);
      std::vector<std::size_t> sample(n);
      for (int b = 0; b < adaptive_bootstrap_draws; ++b) {
        for (auto& i : sample) i = std::min(n - 1, static_cast<std::size_t>(stream.uniform() * static_cast<double>(n)));
        for (std::size_t s = 0; s < S; ++s) draws[s].push_back(estimate(s, &sample));
      }
      std::vector<double> twins(S);
      for (std::size_t s = 0; s < S; ++s) {
        double sum = 0, measured_families = 0;
        for (double y : under[s])
          if (!std::isnan(y)) sum += y, measured_families += 1;
        twins[s] = measured_families > 0 ? sum / measured_families : NAN;
      }
      for (std::size_t s = 0; s < S; ++s) {
        SequenceEstimate e;
        e.replicate = replicate, e.age_months = f.age_months, e.outcome = o.name, e.sequence = sequences[s].name;
        for (std::size_t i = 0; i < n; ++i) e.consistent += weight[s][i] > 0 && !std::isnan(observed[i]);
        e.estimate = estimate(s, nullptr);
        e.twins = twins[s];
        std::vector<double> finite, difference;
        for (int b = 0; b < adaptive_bootstrap_draws; ++b)
          if (std::isfinite(draws[s][static_cast<std::size_t>(b)]) && std::isfinite(draws[0][static_cast<std::size_t>(b)])) {
            finite.push_back(draws[s][static_cast<std::size_t>(b)]);
            difference.push_back(draws[s][static_cast<std::size_t>(b)] - draws[0][static_cast<std::size_t>(b)]);
          }
        e.low = finite.empty() ? NAN : percentile(finite, 0.025), e.high = finite.empty() ? NAN : percentile(finite, 0.975);
        e.difference = e.estimate - estimate(0, nullptr);
        e.difference_low = difference.empty() ? NAN : percentile(difference, 0.025);
        e.difference_high = difference.empty() ? NAN : percentile(difference, 0.975);
        e.twins_difference = twins[s] - twins[0];
        out.push_back(e);
      }
    }
  }
  return out;
}

std::string format_adaptive(const TrialSpec& spec, const TrialReplicate& r, const std::vector<SequenceEstimate>& rows) {
  const DecisionPoint& d = *spec.decision;
  std::ostringstream s;
  s << "adaptive trial: decision at " << d.age_months << " months, response " << d.response.describe() << "\n";
  for (std::size_t a = 0; a < spec.arms.size(); ++a) {
    std::size_t members = 0, responders = 0;
    for (std::size_t i = 0; i < r.enrolled.size(); ++i)
      if (static_cast<std::size_t>(r.assigned[i]) == a) ++members, responders += r.responded[a][i];
    s << "  " << spec.arms[a].name << ": " << responders << " of " << members << " responded";
    const auto count = [&](const std::vector<StageOption>& options, bool status) {
      for (std::size_t k = 0; k < options.size(); ++k) {
        std::size_t given = 0;
        for (std::size_t i = 0; i < r.enrolled.size(); ++i)
          given += static_cast<std::size_t>(r.assigned[i]) == a && static_cast<bool>(r.responded[a][i]) == status &&
                   r.option[i] == static_cast<int>(k);
        s << "; " << (status ? "responders " : "non-responders ") << options[k].name << " " << given;
      }
    };
    count(d.non_responders, false);
    count(d.responders, true);
    s << "\n";
  }
  s << "embedded adaptive interventions (weighted and replicated estimates, Nahum-Shani et al. 2012; 95% bootstrap\n"
       "intervals over families; 'twins': the mean had every enrolled family followed the sequence):\n";
  char line[160];
  std::snprintf(line, sizeof line, "%-5s %-14s %8s %22s %8s %30s %10s  %s\n", "age", "outcome", "estimate", "95% interval", "twins",
                "vs first [95% interval]", "twins diff", "sequence");
  s << line;
  for (const auto& e : rows) {
    if (e.replicate != 0) continue;
    std::snprintf(line, sizeof line, "%-5g %-14s %8.3f [%8.3f, %8.3f] %8.3f %9.3f [%8.3f, %8.3f] %10.3f  ", e.age_months, e.outcome.c_str(),
                  e.estimate, e.low, e.high, e.twins, e.difference, e.difference_low, e.difference_high, e.twins_difference);
    s << line << e.sequence << "\n";
  }
  return s.str();
}

}  // namespace attachsim::sim
