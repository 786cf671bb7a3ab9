#include "sim/classroom/cohort_view.hpp"

#include "sim/classroom/model_outputs.hpp"
#include "sim/core/statistics.hpp"

#include <stdexcept>
#include <string>

namespace attachsim::sim::classroom {

using nlohmann::json;

CohortView::CohortView(const Model& model, const std::vector<double>& assessment_ages)
    : series_(model.series()), steps_(model.series_ages_months().size()), ages_(assessment_ages) {
  const auto columns = model.columns();
  for (double age : ages_) {
    class_columns_.push_back(column_index(columns, "ssp_" + age_label(age) + "_class"));
    organized_columns_.push_back(column_index(columns, "ssp_" + age_label(age) + "_organized_class"));
  }
  typical_position_ = columns_starting(columns, "iwm_" + age_label(ages_.back()) + "_");
  for (std::size_t column : columns_starting(columns, "policy_" + age_label(ages_.back()) + "_"))
    typical_position_.push_back(column);
  suppress_ = series_index(series_, "policy_suppress");
  direct_ = series_index(series_, "policy_direct");
  escalate_ = series_index(series_, "policy_escalate");
  fear_ = series_index(series_, "fear");
  class_counts_.assign(ages_.size(), {});
  organized_counts_.assign(ages_.size(), {});
  moves_.assign(ages_.size() - 1, {});
  for (auto& p : pattern_) p.assign(steps_, 0);
  all_.assign(series_.size() * steps_, 0.0);
  for (auto& c : by_class_) c.assign(series_.size() * steps_, 0.0);
}

void CohortView::write(const RecordBlock& block) {
  if (block.steps() != steps_) throw std::runtime_error("time series have an unexpected number of steps");
  for (std::size_t row = 0; row < block.size(); ++row) {
    ++dyads_;
    std::vector<int> classes;
    for (std::size_t a = 0; a < ages_.size(); ++a) {
      classes.push_back(class_of(block.value(class_columns_[a], row)));
      if (classes.back() >= 0) ++class_counts_[a][static_cast<std::size_t>(classes.back())];
      const int organized = class_of(block.value(organized_columns_[a], row));
      if (organized >= 0) ++organized_counts_[a][static_cast<std::size_t>(organized)];
      if (a > 0 && classes[a - 1] >= 0 && classes[a] >= 0)
        ++moves_[a - 1][static_cast<std::size_t>(classes[a - 1])][static_cast<std::size_t>(classes[a])];
    }

    std::vector<double> values(series_.size() * steps_);
    for (std::size_t s = 0; s < series_.size(); ++s)
      for (std::size_t t = 0; t < steps_; ++t) values[s * steps_ + t] = block.series(s)[row * steps_ + t];
    for (std::size_t i = 0; i < values.size(); ++i) all_[i] += values[i];
    for (std::size_t t = 0; t < steps_; ++t) {
      const double suppress = values[suppress_ * steps_ + t], direct = values[direct_ * steps_ + t],
                   escalate = values[escalate_ * steps_ + t];
      // The strategy the baby mostly uses in intense distress; ties go to the direct bid (the first months' default).
      if (direct >= suppress && direct >= escalate) ++pattern_[1][t];
      else if (suppress >= escalate) ++pattern_[0][t];
      else ++pattern_[2][t];
      if (values[fear_ * steps_ + t] > 0.5) ++pattern_[3][t];
    }

    const int final_class = classes.back();
    if (final_class < 0) continue;
    const auto k = static_cast<std::size_t>(final_class);
    ++class_dyads_[k];
    for (std::size_t i = 0; i < values.size(); ++i) by_class_[k][i] += values[i];
    Member member{block.first_dyad() + row, true, {}};
    for (int c : classes) member.stable = member.stable && c == final_class;
    for (std::size_t column : typical_position_) member.position.push_back(block.value(column, row));
    members_[k].push_back(std::move(member));
    babies_[k].push_back({std::move(classes), std::move(values)});
  }
}

json CohortView::means(const std::vector<double>& sums, std::uint64_t n) const {
  json m;
  for (std::size_t s = 0; s < series_.size(); ++s) {
    std::vector<double> v(steps_, 0.0);
    if (n > 0)
      for (std::size_t t = 0; t < steps_; ++t) v[t] = sums[s * steps_ + t] / double(n);
    m[series_[s].name] = v;
  }
  return m;
}

json CohortView::to_json() const {
  json out;
  out["dyads"] = dyads_;
  json assessments = json::array();
  // Shares of the babies assessed: with a figure some babies lack (strange_situation.figure), the others
  // have no class.
  const auto assessed = [](const std::array<std::uint64_t, class_count>& counts) {
    std::uint64_t n = 0;
    for (auto c : counts) n += c;
    return n;
  };
  const auto shares_of = [&](const std::array<std::uint64_t, class_count>& counts, std::size_t classes) {
    json shares;
    const std::uint64_t n = assessed(counts);
    for (std::size_t k = 0; k < classes; ++k) {
      const auto [low, high] = wilson95(counts[k], n);
      shares[class_letters[k]] = {{"count", counts[k]}, {"share", n ? double(counts[k]) / double(n) : 0.0},
                                  {"low", low}, {"high", high}};
    }
    return shares;
  };
  for (std::size_t a = 0; a < ages_.size(); ++a) {
    // The four-way classes, and the forced A/B/C class that studies before D was described reported.
    json entry = {{"age_months", ages_[a]},
                  {"assessed", assessed(class_counts_[a])},
                  {"shares", shares_of(class_counts_[a], class_count)},
                  {"organized_shares", shares_of(organized_counts_[a], class_count - 1)}};
    if (a > 0) {
      // Babies by their class at the previous assessment (rows) and at this one (columns).
      json moved;
      for (std::size_t from = 0; from < class_count; ++from)
        for (std::size_t to = 0; to < class_count; ++to) moved[class_letters[from]][class_letters[to]] = moves_[a - 1][from][to];
      entry["since_previous"] = {{"age_months", ages_[a - 1]}, {"counts", moved}};
    }
    assessments.push_back(entry);
  }
  out["strange_situation"] = assessments;

  const char* pattern_names[] = {"suppress", "direct", "escalate", "fear_above_half"};
  json pattern;
  for (std::size_t p = 0; p < pattern_.size(); ++p) {
    std::vector<double> share(steps_);
    for (std::size_t t = 0; t < steps_; ++t) share[t] = dyads_ ? double(pattern_[p][t]) / double(dyads_) : 0.0;
    pattern[pattern_names[p]] = share;
  }
  out["pattern"] = pattern;

  json series_info = json::array();
  for (const auto& s : series_) series_info.push_back({{"name", s.name}, {"unit", s.unit}, {"description", s.description}});
  out["series"] = series_info;
  out["means_all"] = means(all_, dyads_);
  json by_class;
  for (std::size_t k = 0; k < class_count; ++k)
    by_class[class_letters[k]] = {{"dyads", class_dyads_[k]}, {"means", means(by_class_[k], class_dyads_[k])}};
  out["means_by_final_class"] = by_class;

  json examples = json::object();
  for (std::size_t k = 0; k < class_count; ++k) {
    const auto chosen = typical_member(members_[k]);
    if (!chosen) continue;
    const Member& member = members_[k][*chosen];
    const Baby& baby = babies_[k][*chosen];
    json classes;
    for (std::size_t a = 0; a < ages_.size(); ++a)
      classes[age_label(ages_[a])] = baby.classes[a] >= 0 ? class_letters[baby.classes[a]] : "?";
    json trajectories;
    for (std::size_t s = 0; s < series_.size(); ++s)
      trajectories[series_[s].name] = std::vector<double>(baby.series.begin() + static_cast<std::ptrdiff_t>(s * steps_),
                                                          baby.series.begin() + static_cast<std::ptrdiff_t>((s + 1) * steps_));
    examples[class_letters[k]] = {{"dyad", member.dyad}, {"stable", member.stable}, {"classes", classes}, {"series", trajectories}};
  }
  out["examples"] = examples;
  return out;
}

}  // namespace attachsim::sim::classroom
