#include "sim/trials/assessment.hpp"

#include "sim/core/imperfect_test.hpp"
#include "sim/core/random_stream.hpp"
#include "sim/core/standard_normal.hpp"
#include "sim/trials/column_rule.hpp"

namespace attachsim::sim {
namespace {

constexpr std::uint32_t assessment_purpose = 0x41535345;  // 'ASSE': apart from every model purpose

// FNV-1a: a column's name as a number, so that each column has a stream of its own.
std::uint64_t name_hash(const std::string& name) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : name) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

bool assessment_admits(const AssessmentRule& a, double value, std::uint64_t seed, std::uint64_t dyad) {
  RandomStream stream(seed ^ name_hash(a.rule.column), dyad, assessment_purpose);
  // Both uniforms are drawn whatever the rule uses, so that a column's reading is the same for every rule.
  const double u_error = stream.uniform(), u_verdict = stream.uniform();
  const double read = a.error_sd > 0 ? value + a.error_sd * standard_normal_upper_quantile(u_error) : value;
  // The reading's verdict is kept or turned: a positive with chance sensitivity, a negative with specificity.
  return test_positive(a.rule.admits(read), u_verdict, a.sensitivity, a.specificity);
}

std::uint32_t components_given(const TrialArm& arm, const RecordBlock& block, std::size_t row, const std::vector<Column>& columns,
                               std::uint64_t seed, std::uint64_t dyad) {
  std::uint32_t given = 0;
  for (std::size_t k = 0; k < arm.components.size(); ++k) {
    bool admitted = true;
    for (const auto& a : arm.components[k].when) {
      // An assessment that was not given (a Strange Situation with a figure the family lacks) admits nothing.
      const std::size_t column = column_index(columns, a.rule.column);
      admitted = admitted && is_measured(block, measured_by_index(columns, column), row) &&
                 assessment_admits(a, block.value(column, row), seed, dyad);
    }
    if (admitted) given |= 1u << k;
  }
  return given;
}

}  // namespace attachsim::sim
