#include "models/dyad/attachment_model.hpp"

#include "models/dyad/dyad_life.hpp"
#include "models/reporting/population_summary.hpp"

#include <cmath>

namespace attachsim::models {

AttachmentModel::AttachmentModel() {
  configure(sim::ResolvedConfig(parameters()));  // defaults until a scenario is configured
}

std::vector<sim::ParameterSpec> AttachmentModel::parameters() const { return sim::specs_of(model_parameter_table()); }

void AttachmentModel::configure(const sim::ResolvedConfig& config) {
  parameters_ = bind_model_parameters(config);
  // Run settings are absent when only the model's own table is bound (the defaults of a bare model).
  generations_ = config.contains("run.generations") ? std::get<std::int64_t>(config.value("run.generations")) : 1;
  columns_.emplace(parameters_, parameters_.adulthood.follow || generations_ > 1);
  schedule_.emplace(parameters_);
}

std::vector<sim::Column> AttachmentModel::columns() const { return columns_->columns(); }

std::vector<std::pair<std::string, std::string>> AttachmentModel::column_groups() const {
  return {{"dyads", "One row per dyad (rows are lineage-major when run.generations > 1): traits, caregiver, context, "
                    "programs, Strange Situations, sensitivity observations and family screens."},
          {"childhood", "Aligned with /dyads, row by row: preschool assessments (attachment and outcome ratings)."},
          {"generations", "Aligned with /dyads, row by row: the dyad's place among generations (with a link to its parent "
                          "dyad) and the adult its infant grows into."}};
}

std::vector<sim::Series> AttachmentModel::series() const { return DyadColumns::series(); }

std::vector<double> AttachmentModel::series_ages_months() const {
  std::vector<double> ages;
  for (int m = 0; m <= static_cast<int>(std::floor(parameters_.development.span_months)); ++m) ages.push_back(m);
  return ages;
}

std::vector<std::pair<std::string, std::string>> AttachmentModel::mechanisms() const {
  const auto& p = parameters_;
  return {{"learning_rule", name_of(p.learning.rule)},
          {"depression_model", p.depression.model == DepressionModel::episodes ? "episodes" : "fixed"},
          {"context_processes", p.context.processes ? "on" : "off"},
          {"program", name_of(p.program.content.type)},
          {"adulthood_stability", name_of(p.adulthood.stability)},
          {"susceptibility_mechanism", name_of(p.infant.susceptibility_mechanism)},
          {"life_course_changes", p.life_course.changes ? "on" : "off"},
          {"night_learned_with", name_of(p.night_care.learned_with)},
          {"new_figure", name_of(p.learning.new_figure)},
          {"fear_fading", name_of(p.working_model.fear_fading)},
          {"alarm_surprise", name_of(p.working_model.alarm_surprise)}};
}

void AttachmentModel::simulate(std::uint64_t seed, const sim::DyadPlace& place, const sim::DyadRecord* parent,
                               bool record_series, sim::DyadRecord& record) const {
  live_dyad(parameters_, *schedule_, *columns_, seed, place, parent, record_series, record);
}

std::unique_ptr<sim::Summary> AttachmentModel::make_summary() const {
  return std::make_unique<PopulationSummary>(parameters_, *columns_, static_cast<std::size_t>(generations_));
}

sim::TrialDesign AttachmentModel::trial_design() const {
  sim::TrialDesign design;
  design.instruments = {{"strange_situation", "strange_situation.ages_months"},
                        {"sensitivity", "sensitivity_observation.ages_months"},
                        {"preschool", "preschool.ages_months"},
                        {"family_screen", "family_screen.ages_months"}};
  design.outcomes = [](double age, const std::vector<std::string>& instruments) {
    std::vector<sim::TrialOutcome> out;
    const std::string a = age_label(age);
    for (const auto& instrument : instruments) {
      if (instrument == "strange_situation") {
        out.push_back({"secure", "ssp_" + a + "_class", true, "B", "share", "Classified secure (B) at " + a + "."});
        out.push_back({"disorganized", "ssp_" + a + "_class", true, "D", "share", "Classified disorganized (D) at " + a + "."});
        out.push_back({"security", "ssp_" + a + "_security", false, "", "0-1", "Continuous security at " + a + "."});
      } else if (instrument == "sensitivity") {
        out.push_back({"sensitivity", "sensitivity_" + a, false, "", "1-9", "Observed caregiver sensitivity at " + a + "."});
      } else if (instrument == "family_screen") {
        out.push_back({"depression_screen", "screen_" + a + "_depression", false, "", "share", "Screened positive for depression at " + a + "; lower is better."});
        out.push_back({"violence_screen", "screen_" + a + "_partner_violence", false, "", "share", "Disclosed partner violence at " + a + "; lower is better."});
      } else if (instrument == "preschool") {
        // The preschool assessment: its attachment classification and the ratings of the child with
        // peers since the last assessment (or preschool entry), lower problem scores being better.
        const std::string c = "preschool_" + a + "_";
        out.push_back({"preschool_secure", c + "attachment_class", true, "B", "share", "Classified secure (B) in the preschool attachment assessment at " + a + "."});
        out.push_back({"preschool_disorganized", c + "attachment_class", true, "D", "share", "Classified disorganized or controlling (D) in the preschool attachment assessment at " + a + "."});
        out.push_back({"externalizing", c + "externalizing", false, "", "0-2", "Externalizing problems (CBCL-like item mean) at " + a + "; lower is better."});
        out.push_back({"internalizing", c + "internalizing", false, "", "0-2", "Internalizing problems (CBCL-like item mean) at " + a + "; lower is better."});
        out.push_back({"social_competence", c + "social_competence", false, "", "1-5", "Teacher-rated social competence with peers at " + a + "."});
      }
    }
    return out;
  };
  design.success_outcome = "secure";
  design.cost_column = "program_cost";
  design.cost_unit = "USD (2010)";
  design.adherence_column = "program_completed";
  design.tracked_outcomes = {"disorganized", "secure"};
  for (int k = 1; k <= component_slots; ++k) design.component_slots.push_back("program.component_" + std::to_string(k));
  design.program_stop_key = "program.stop_months";
  design.component_start = "start_months";
  design.transition_outcome = "secure", design.transition_absent = "insecure";
  design.moderators = {{"risk stratum", "high_risk_stratum", {}, false},
                       {"cumulative risks", "risk_count", {0, 2, 5}, false},
                       {"temperament", "infant_temperament", {}, true},
                       {"susceptibility", "infant_susceptibility", {}, true},
                       {"susceptibility marker", "infant_marker", {}, false},
                       {"caregiver AAI", "caregiver_aai", {}, false},
                       {"motivation", "caregiver_motivation", {}, true}};
  return design;
}

}  // namespace attachsim::models

namespace attachsim::sim {
std::unique_ptr<Model> make_model() { return std::make_unique<models::AttachmentModel>(); }
}  // namespace attachsim::sim
