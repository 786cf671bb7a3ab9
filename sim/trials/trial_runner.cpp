#include "sim/trials/trial_runner.hpp"

#include "sim/engine/engine.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/random_stream.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace attachsim::sim {
namespace {

constexpr std::uint32_t randomization_purpose = 0x52414E44;  // 'RAND': apart from every model purpose

std::size_t column_index(const std::vector<Column>& columns, const std::string& name) {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  return columns.size();
}

bool eligible(const EligibilityRule& rule, double value) {
  if (rule.min && !(value >= *rule.min)) return false;
  if (rule.max && !(value <= *rule.max)) return false;
  if (!rule.labels.empty())
    return std::any_of(rule.labels.begin(), rule.labels.end(), [&](const std::string& l) { return label_code(l.c_str()) == value; });
  return true;
}

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

}  // namespace

std::uint64_t replicate_seed(std::uint64_t seed, std::int64_t replicate) {
  return replicate == 0 ? seed : mix_seed(seed + static_cast<std::uint64_t>(replicate));
}

TrialReplicate run_trial_replicate(Model& model, const TrialSpec& spec, std::uint64_t seed, int threads) {
  TrialReplicate result;
  result.seed = seed;

  // Screening runs under the reference arm: it is also every enrolled dyad's reference twin.
  model.configure(spec.arms.front().config);
  const auto columns = model.columns();
  std::vector<std::uint64_t> screened(static_cast<std::size_t>(spec.screened));
  for (std::size_t i = 0; i < screened.size(); ++i) screened[i] = i;
  RecordBlock screening(columns.size(), 0, 0, screened.size());
  simulate_dyads(model, seed, screened, threads, screening);

  std::vector<std::size_t> rows;
  for (std::size_t row = 0; row < screened.size(); ++row) {
    bool ok = true;
    for (const auto& rule : spec.eligibility) ok = ok && eligible(rule, screening.value(column_index(columns, rule.column), row));
    if (ok) rows.push_back(row);
  }
  result.eligible = rows.size();
  if (rows.empty()) {
    std::string rules;
    for (const auto& r : spec.eligibility) rules += (rules.empty() ? "" : " and ") + r.describe();
    throw InputError(spec.eligibility_where, "trial.eligibility", "rules that admit some of the " +
                     std::to_string(spec.screened) + " screened dyads", "none admitted by " + rules);
  }
  if (rows.size() > static_cast<std::size_t>(spec.enrolled)) rows.resize(static_cast<std::size_t>(spec.enrolled));
  for (std::size_t row : rows) result.enrolled.push_back(screened[row]);

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
  RecordBlock reference(columns.size(), 0, 0, rows.size());
  reference.reset(0, rows.size());
  for (std::size_t c = 0; c < columns.size(); ++c)
    for (std::size_t i = 0; i < rows.size(); ++i) reference.value(c, i) = screening.value(c, rows[i]);
  result.twins.push_back(std::move(reference));
  for (std::size_t a = 1; a < spec.arms.size(); ++a) {
    model.configure(spec.arms[a].config);
    RecordBlock twins(columns.size(), 0, 0, rows.size());
    simulate_dyads(model, seed, result.enrolled, threads, twins);
    result.twins.push_back(std::move(twins));
  }
  model.configure(spec.arms.front().config);
  return result;
}

}  // namespace attachsim::sim
