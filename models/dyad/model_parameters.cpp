#include "models/dyad/model_parameters.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace attachsim::models {
namespace {

using sim::format_value;
using sim::InputError;

void check_ages(const sim::ResolvedConfig& config, const std::string& key, const std::vector<double>& ages,
                double span) {
  for (double age : ages)
    if (age > span)
      throw InputError(config.position_of(key), key,
                       "ages within the simulated span, at most development.span_months = " + format_value(span),
                       format_value(age));
  if (ages.size() > max_assessments)
    throw InputError(config.position_of(key), key, "at most " + std::to_string(max_assessments) + " ages",
                     std::to_string(ages.size()) + " ages");
  if (std::set<double>(ages.begin(), ages.end()).size() != ages.size())
    throw InputError(config.position_of(key), key, "distinct ages", format_value(ages));
}

}  // namespace

ModelParameters bind_model_parameters(const sim::ResolvedConfig& config) {
  // Built once: the declarations and their texts are the same for every config (a sweep binds one per point).
  static const sim::ParameterTable<ModelParameters> table = model_parameter_table();
  ModelParameters p;
  config.bind(table, p);

  const auto& s = p.state_of_mind;
  const double sum = s.share_F + s.share_Ds + s.share_E + s.share_U;
  if (std::abs(sum - 1) > 1e-6) {
    std::string key = "state_of_mind.share_U";  // name a share the user set, where the sum went wrong
    for (const char* share : {"state_of_mind.share_F", "state_of_mind.share_Ds", "state_of_mind.share_E", "state_of_mind.share_U"})
      if (config.position_of(share).line > 0) key = share;
    throw InputError(config.position_of(key), key, "shares F + Ds + E + U that sum to 1",
                     "a sum of " + format_value(sum));
  }

  const auto& d = p.development;
  if (!(d.in_the_making_months <= d.clear_cut_months && d.clear_cut_months <= d.goal_corrected_months))
    throw InputError(config.position_of("development.clear_cut_months"), "development.clear_cut_months",
                     "phase starts in order: in_the_making <= clear_cut <= goal_corrected",
                     format_value(d.in_the_making_months) + ", " + format_value(d.clear_cut_months) + ", " +
                         format_value(d.goal_corrected_months));

  if (const auto problem = RiskStructure::check(p.risk)) {
    const bool listed = !p.risk.correlations.empty();
    const std::string key = listed ? "risk.correlations" : "risk.pairwise_correlation";
    throw InputError(config.position_of(key), key, *problem,
                     listed ? format_value(p.risk.correlations) : format_value(p.risk.pairwise_correlation));
  }

  for (int k = 0; k < program_parts; ++k) {
    const ProgramContent& part = p.program.part(k);
    if (part.type == ProgramType::none) continue;
    const std::string prefix = k == 0 ? "program." : "program.component_" + std::to_string(k) + ".";
    if (part.end_months < part.start_months)
      throw InputError(config.position_of(prefix + "end_months"), prefix + "end_months",
                       "an end at or after " + prefix + "start_months = " + format_value(part.start_months),
                       format_value(part.end_months));
    if (part.end_months > d.span_months)
      throw InputError(config.position_of(prefix + "end_months"), prefix + "end_months",
                       "a program within the simulated span, ending at most at development.span_months = " +
                           format_value(d.span_months),
                       format_value(part.end_months));
    // Depression treatment acts on remission, safety work on violent events: without the context
    // processes that carry them (or with depression fixed at birth), the program would silently do nothing.
    const auto aims = aim_shares(part);
    const bool needs_context = aims[aim_depression] > 0 || aims[aim_safety] > 0;
    const bool needs_episodes = aims[aim_depression] > 0;
    const char* missing = nullptr;
    if (needs_context && !p.context.processes) missing = "context.processes: false";
    else if (needs_episodes && p.depression.model == DepressionModel::fixed) missing = "depression.model: fixed";
    if (missing)
      throw InputError(config.position_of(prefix + "type"), prefix + "type",
                       "a program the context can carry (depression treatment needs depression episodes and the context "
                       "processes; safety work needs the context processes)",
                       std::string(name_of(part.type)) + " with " + missing);
  }

  check_ages(config, "strange_situation.ages_months", p.strange_situation.ages_months, d.span_months);
  check_ages(config, "sensitivity_observation.ages_months", p.sensitivity_observation.ages_months, d.span_months);
  check_ages(config, "family_screen.ages_months", p.family_screen.ages_months, d.span_months);
  check_ages(config, "preschool.ages_months", p.preschool.ages_months, d.span_months);
  for (double age : p.preschool.ages_months)
    if (age < p.preschool.entry_months)
      throw InputError(config.position_of("preschool.ages_months"), "preschool.ages_months",
                       "ages at or after preschool.entry_months = " + format_value(p.preschool.entry_months),
                       format_value(age));
  if (p.preschool.provocation_share + p.preschool.peer_distress_share > 1)
    throw InputError(config.position_of("preschool.peer_distress_share"), "preschool.peer_distress_share",
                     "shares of provocations and peer distress that sum to at most 1",
                     "a sum of " + format_value(p.preschool.provocation_share + p.preschool.peer_distress_share));
  if (p.childcare.start_months_max < p.childcare.start_months_min)
    throw InputError(config.position_of("childcare.start_months_max"), "childcare.start_months_max",
                     "a latest start at or after childcare.start_months_min = " + format_value(p.childcare.start_months_min),
                     format_value(p.childcare.start_months_max));
  if (p.partner.share_weekday + p.childcare.share_weekday > 1)
    throw InputError(config.position_of("childcare.share_weekday"), "childcare.share_weekday",
                     "weekday shares of the partner and the provider that sum to at most 1",
                     "a sum of " + format_value(p.partner.share_weekday + p.childcare.share_weekday));
  // The night is taken from the same day: on a weekday the partner, the provider and the night watch
  // together, and at a weekend the partner and the night watch, answer at most every episode.
  const double weekday = p.partner.share_weekday + p.childcare.share_weekday + p.night_care.share;
  const double weekend = p.partner.share_weekend + p.night_care.share;
  if (std::max(weekday, weekend) > 1)
    throw InputError(config.position_of("night_care.share"), "night_care.share",
                     "a night share that leaves the day's other shares room: partner.share_weekday + childcare.share_weekday + night_care.share and partner.share_weekend + night_care.share at most 1",
                     "sums of " + format_value(weekday) + " (weekday) and " + format_value(weekend) + " (weekend)");
  return p;
}

}  // namespace attachsim::models
