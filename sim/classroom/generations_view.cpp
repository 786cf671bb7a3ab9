#include "sim/classroom/generations_view.hpp"

#include "sim/classroom/model_outputs.hpp"

#include <cmath>
#include <stdexcept>

namespace attachsim::sim::classroom {

using nlohmann::json;

namespace {

// The preschool ratings the page shows by infant class (docs/ODD.md, preschool).
const char* const outcome_names[] = {"social_competence", "empathy", "externalizing", "internalizing"};

json table_json(const std::array<std::array<std::uint64_t, 4>, 4>& t, const char* const (&rows)[4]) {
  json out;
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t c = 0; c < 4; ++c) out[rows[r]][class_letters[c]] = t[r][c];
  return out;
}

json mind_table_json(const std::array<std::array<std::uint64_t, 4>, 4>& t) {
  json out;
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t c = 0; c < 4; ++c) out[class_letters[r]][mind_letters[c]] = t[r][c];
  return out;
}

std::string letter_or_unknown(int k, const char* const (&names)[4]) { return k >= 0 ? names[k] : "?"; }

}  // namespace

GenerationsView::GenerationsView(const Model& model, int generations, double infant_age, double preschool_age,
                                 std::size_t families)
    : generations_(generations), families_(families) {
  const auto columns = model.columns();
  generation_ = column_index(columns, "generation");
  infant_class_ = column_index(columns, "ssp_" + age_label(infant_age) + "_class");
  parent_mind_ = column_index(columns, "caregiver_aai");
  adult_mind_ = column_index(columns, "adult_aai");
  const std::string preschool = "preschool_" + age_label(preschool_age) + "_";
  preschool_class_ = column_index(columns, preschool + "attachment_class");
  for (const char* name : outcome_names) {
    const Column& c = column_named(columns, preschool + name);
    outcomes_.push_back({name, c.unit, c.description, column_index(columns, c.name), {}});
  }
  parent_by_infant_.assign(static_cast<std::size_t>(generations_), {});
}

void GenerationsView::write(const RecordBlock& block) {
  for (std::size_t row = 0; row < block.size(); ++row) {
    ++dyads_;
    const auto g = static_cast<std::size_t>(block.value(generation_, row)) - 1;
    if (g >= parent_by_infant_.size()) throw std::runtime_error("a dyad of an unexpected generation");
    const int infant = class_of(block.value(infant_class_, row));
    const int parent = mind_of(block.value(parent_mind_, row));
    const int adult = mind_of(block.value(adult_mind_, row));
    const int preschool = class_of(block.value(preschool_class_, row));
    if (infant >= 0 && parent >= 0) ++parent_by_infant_[g][static_cast<std::size_t>(parent)][static_cast<std::size_t>(infant)];
    if (infant >= 0 && adult >= 0) ++infant_by_adult_[static_cast<std::size_t>(infant)][static_cast<std::size_t>(adult)];
    if (infant >= 0 && preschool >= 0) ++infant_by_preschool_[static_cast<std::size_t>(infant)][static_cast<std::size_t>(preschool)];
    if (infant >= 0)
      for (auto& o : outcomes_) o.by_class[static_cast<std::size_t>(infant)].add(block.value(o.column, row));

    // Whole families, in lineage order: a block holds whole lineages, generation after generation.
    if (g == 0 && lineages_.size() < families_) lineages_.push_back(json::array());
    const std::uint64_t lineage = (block.first_dyad() + row) / static_cast<std::uint64_t>(generations_);
    if (lineage < families_)
      lineages_[lineage].push_back({{"parent_mind", letter_or_unknown(parent, mind_letters)},
                                    {"infant_class", letter_or_unknown(infant, class_letters)},
                                    {"preschool_class", letter_or_unknown(preschool, class_letters)},
                                    {"adult_mind", letter_or_unknown(adult, mind_letters)}});
  }
}

json GenerationsView::to_json() const {
  json out;
  out["dyads"] = dyads_;
  json per_generation = json::array();
  for (std::size_t g = 0; g < parent_by_infant_.size(); ++g) {
    std::vector<std::vector<std::uint64_t>> square(4, std::vector<std::uint64_t>(4));
    std::uint64_t n = 0, match = 0;
    for (std::size_t r = 0; r < 4; ++r)
      for (std::size_t c = 0; c < 4; ++c) {
        square[r][c] = parent_by_infant_[g][r][c];
        n += square[r][c];
        // secure with autonomous, insecure with non-autonomous (van IJzendoorn 1995's two-way match)
        if ((r == 1) == (c == 1)) match += square[r][c];
      }
    per_generation.push_back({{"generation", g + 1},
                              {"parents_by_infant_class", table_json(parent_by_infant_[g], mind_letters)},
                              {"secure_match", n ? double(match) / double(n) : 0.0},
                              {"kappa", cohen_kappa(square)}});
  }
  out["generations"] = per_generation;
  out["infant_to_adult"] = mind_table_json(infant_by_adult_);
  json to_preschool;
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t c = 0; c < 4; ++c) to_preschool[class_letters[r]][class_letters[c]] = infant_by_preschool_[r][c];
  out["infant_to_preschool"] = to_preschool;

  json outcomes = json::array();
  for (const auto& o : outcomes_) {
    json by_class;
    for (std::size_t k = 0; k < 4; ++k) {
      const auto& m = o.by_class[k];
      // 95% interval of the mean (normal approximation; the page hides it below 5 children)
      const double half = m.count() > 1 ? 1.959963984540054 * m.sd() / std::sqrt(double(m.count())) : 0.0;
      by_class[class_letters[k]] = {{"n", m.count()}, {"mean", m.mean()}, {"low", m.mean() - half}, {"high", m.mean() + half}};
    }
    outcomes.push_back({{"name", o.name}, {"unit", o.unit}, {"description", o.description}, {"by_infant_class", by_class}});
  }
  out["preschool_outcomes"] = outcomes;
  out["families"] = lineages_;
  return out;
}

}  // namespace attachsim::sim::classroom
