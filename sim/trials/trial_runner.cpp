#include "sim/trials/trial_runner.hpp"

#include "sim/trials/assessment.hpp"
#include "sim/engine/engine.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/random_stream.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace attachsim::sim {
namespace {

constexpr std::uint32_t randomization_purpose = 0x52414E44;  // 'RAND': apart from every model purpose
constexpr std::uint64_t second_stage_stream = 1u << 30;  // second-stage groups' streams, past any first-stage stratum

// Arms for the members of one stratum: counts by allocation (largest remainder), order shuffled.
std::vector<int> allocate(const std::vector<double>& allocation, std::size_t n, RandomStream& stream) {
  std::vector<std::size_t> counts(allocation.size());
  std::vector<std::pair<double, std::size_t>> remainders;
  std::size_t given = 0;
  for (std::size_t a = 0; a < allocation.size(); ++a) {
    const double exact = allocation[a] * static_cast<double>(n);
    counts[a] = static_cast<std::size_t>(std::floor(exact));
    given += counts[a];
    remainders.push_back({exact - std::floor(exact), a});
  }
  // Ties in the remainders go to a random arm, so small strata do not always favour the first arms.
  for (auto& r : remainders) r.first += 1e-9 * stream.uniform();
  std::sort(remainders.rbegin(), remainders.rend());
  for (std::size_t k = 0; given < n; ++k, ++given) ++counts[remainders[k % remainders.size()].second];
  std::vector<int> arms;
  for (std::size_t a = 0; a < counts.size(); ++a) arms.insert(arms.end(), counts[a], static_cast<int>(a));
  for (std::size_t i = arms.size(); i > 1; --i) {  // Fisher-Yates
    const auto j = static_cast<std::size_t>(stream.uniform() * static_cast<double>(i));
    std::swap(arms[i - 1], arms[std::min(j, i - 1)]);
  }
  return arms;
}

// Screening: dyads 0 .. screened-1 simulated under the model's current configuration; the rows that
// pass every rule, in dyad order. A dyad whose assessment a rule reads was not given (a Strange
// Situation with a figure it lacks) is not admitted: its eligibility is unknown.
std::vector<std::size_t> screen(Model& model, std::uint64_t seed, std::int64_t screened, const std::vector<EligibilityRule>& rules,
                                const SourcePosition& where, const std::string& key, int threads, RecordBlock& block) {
  const auto columns = model.columns();
  std::vector<std::uint64_t> dyads(static_cast<std::size_t>(screened));
  for (std::size_t i = 0; i < dyads.size(); ++i) dyads[i] = i;
  simulate_dyads(model, seed, dyads, threads, block);
  std::vector<std::size_t> read, measured_by;
  for (const auto& rule : rules) {
    read.push_back(column_index(columns, rule.column));
    measured_by.push_back(measured_by_index(columns, read.back()));
  }
  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < dyads.size(); ++row) {
    bool ok = true;
    for (std::size_t k = 0; k < rules.size(); ++k)
      ok = ok && is_measured(block, measured_by[k], row) && rules[k].admits(block.value(read[k], row));
    if (ok) rows.push_back(row);
  }
  if (rows.empty()) {
    std::string text;
    for (const auto& r : rules) text += (text.empty() ? "" : " and ") + r.describe();
    throw InputError(where, key, "rules that admit some of the " + std::to_string(screened) +
                     " screened dyads", "none admitted by " + text);
  }
  return rows;
}

// The given rows of a block, in that order, as a block of their own.
RecordBlock take_rows(const RecordBlock& from, const std::vector<std::size_t>& rows, std::size_t columns) {
  RecordBlock out(columns, 0, 0, rows.size());
  out.reset(0, rows.size());
  for (std::size_t c = 0; c < columns; ++c)
    for (std::size_t i = 0; i < rows.size(); ++i) out.value(c, i) = from.value(c, rows[i]);
  return out;
}

// The second stage of an adaptive trial: response under each first-stage arm, every option's twins,
// and the re-randomization of each status group within each arm (by allocation, in dyad order, from a
// stream of its own).
void second_stage(Model& model, const TrialSpec& spec, std::uint64_t seed, int threads, const std::vector<Column>& columns,
                  TrialReplicate& result) {
  const DecisionPoint& d = *spec.decision;
  const std::size_t n = result.enrolled.size(), response = column_index(columns, d.response.column);
  const std::size_t response_measured_by = measured_by_index(columns, response);
  const auto twins_of = [&](const std::vector<StageOption>& options, std::size_t a) {
    std::vector<RecordBlock> blocks;
    for (const auto& o : options) {
      model.configure(o.configs[a]);
      RecordBlock block(columns.size(), 0, 0, n);
      simulate_dyads(model, seed, result.enrolled, threads, block);
      blocks.push_back(std::move(block));
    }
    return blocks;
  };
  for (std::size_t a = 0; a < spec.arms.size(); ++a) {
    std::vector<char> responded(n);
    // A family whose response assessment was not given counts as not responding.
    for (std::size_t i = 0; i < n; ++i)
      responded[i] = is_measured(result.twins[a], response_measured_by, i) && d.response.admits(result.twins[a].value(response, i)) ? 1 : 0;
    result.responded.push_back(std::move(responded));
    result.non_responder_twins.push_back(twins_of(d.non_responders, a));
    result.responder_twins.push_back(twins_of(d.responders, a));
  }
  result.option.assign(n, -1);
  for (std::size_t a = 0; a < spec.arms.size(); ++a)
    for (int status = 0; status < 2; ++status) {
      const auto& options = status ? d.responders : d.non_responders;
      if (options.empty()) continue;
      std::vector<std::size_t> members;
      for (std::size_t i = 0; i < n; ++i)
        if (static_cast<std::size_t>(result.assigned[i]) == a && result.responded[a][i] == status) members.push_back(i);
      std::vector<double> allocation;
      for (const auto& o : options) allocation.push_back(o.allocation);
      RandomStream stream(seed, second_stage_stream + 2 * a + static_cast<std::size_t>(status), randomization_purpose);
      const auto given = allocate(allocation, members.size(), stream);
      for (std::size_t k = 0; k < members.size(); ++k) result.option[members[k]] = given[k];
    }
}

}  // namespace

std::uint64_t group_seed(std::uint64_t seed, std::size_t group) {
  constexpr std::uint64_t comparison_purpose = 0x434F4D50;  // 'COMP'
  return mix_seed(seed ^ (comparison_purpose << 32 | group));
}

std::uint64_t replicate_seed(std::uint64_t seed, std::int64_t replicate) {
  return replicate == 0 ? seed : mix_seed(seed + static_cast<std::uint64_t>(replicate));
}

TrialReplicate run_trial_replicate(Model& model, const TrialSpec& spec, std::uint64_t seed, int threads) {
  TrialReplicate result;
  result.seed = seed;

  // Screening runs under the reference arm: it is also every enrolled dyad's reference twin.
  model.configure(spec.arms.front().config);
  const auto columns = model.columns();
  RecordBlock screening(columns.size(), 0, 0, static_cast<std::size_t>(spec.screened));
  std::vector<std::size_t> rows = screen(model, seed, spec.screened, spec.eligibility, spec.eligibility_where, "trial.eligibility",
                                         threads, screening);
  result.eligible = rows.size();
  if (rows.size() > static_cast<std::size_t>(spec.enrolled)) rows.resize(static_cast<std::size_t>(spec.enrolled));
  for (std::size_t row : rows) result.enrolled.push_back(row);  // screened dyad i has id i

  // Stratified randomization: strata in order of first appearance, each allocated and shuffled.
  std::vector<double> allocation;
  for (const auto& arm : spec.arms) allocation.push_back(arm.allocation);
  std::map<std::vector<double>, int> strata;
  std::vector<std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::vector<double> key;
    for (const auto& c : spec.stratify_by) key.push_back(screening.value(column_index(columns, c), rows[i]));
    const auto [it, added] = strata.emplace(key, static_cast<int>(members.size()));
    if (added) members.emplace_back();
    members[static_cast<std::size_t>(it->second)].push_back(i);
    result.stratum.push_back(it->second);
  }
  result.assigned.assign(rows.size(), 0);
  for (std::size_t s = 0; s < members.size(); ++s) {
    RandomStream stream(seed, s, randomization_purpose);
    const auto arms = allocate(allocation, members[s].size(), stream);
    for (std::size_t k = 0; k < arms.size(); ++k) result.assigned[members[s][k]] = arms[k];
  }

  // Twins: the reference twin from screening, every other arm simulated for all enrolled dyads.
  result.twins.push_back(take_rows(screening, rows, columns.size()));
  result.components.emplace_back();
  for (std::size_t a = 1; a < spec.arms.size(); ++a) {
    const auto& arm = spec.arms[a];
    RecordBlock twins(columns.size(), 0, 0, rows.size());
    std::vector<std::uint32_t> given;
    if (arm.components.empty()) {
      model.configure(arm.config);
      simulate_dyads(model, seed, result.enrolled, threads, twins);
    } else {
      // A tailored arm: each family's components from its assessment (read on the family before any
      // program, its screening record), then each set of components simulated for the families given it.
      // Streams follow the dyad, not the batch, so a family's twin is the same in any grouping.
      twins.reset(0, rows.size());
      for (std::size_t i = 0; i < rows.size(); ++i)
        given.push_back(components_given(arm, screening, rows[i], columns, seed, result.enrolled[i]));
      for (std::size_t m = 0; m < arm.tailored.size(); ++m) {
        std::vector<std::size_t> given_m;  // enrolled families given set m
        for (std::size_t i = 0; i < rows.size(); ++i)
          if (given[i] == m) given_m.push_back(i);
        if (given_m.empty()) continue;
        std::vector<std::uint64_t> dyads;
        for (std::size_t i : given_m) dyads.push_back(result.enrolled[i]);
        model.configure(arm.tailored[m]);
        RecordBlock part(columns.size(), 0, 0, dyads.size());
        simulate_dyads(model, seed, dyads, threads, part);
        for (std::size_t c = 0; c < columns.size(); ++c)
          for (std::size_t j = 0; j < given_m.size(); ++j) twins.value(c, given_m[j]) = part.value(c, j);
      }
    }
    result.twins.push_back(std::move(twins));
    result.components.push_back(std::move(given));
  }

  if (spec.decision) second_stage(model, spec, seed, threads, columns, result);

  // Comparison groups: samples of their own, screened and followed under their own settings.
  for (std::size_t g = 0; g < spec.comparison_groups.size(); ++g) {
    const auto& group = spec.comparison_groups[g];
    model.configure(group.config);
    RecordBlock block(columns.size(), 0, 0, static_cast<std::size_t>(group.screened));
    auto chosen = screen(model, group_seed(seed, g), group.screened, group.eligibility, group.eligibility_where,
                          "trial.comparison_groups.eligibility", threads, block);
    result.group_eligible.push_back(chosen.size());
    if (chosen.size() > static_cast<std::size_t>(group.enrolled)) chosen.resize(static_cast<std::size_t>(group.enrolled));
    result.group_dyads.emplace_back(chosen.begin(), chosen.end());
    result.groups.push_back(take_rows(block, chosen, columns.size()));
  }
  model.configure(spec.arms.front().config);
  return result;
}

}  // namespace attachsim::sim
