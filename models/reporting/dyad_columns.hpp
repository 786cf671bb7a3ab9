// The per-dyad record of the attachment model: what /dyads and /timeseries hold, with units and
// meanings, and where each value sits in a record. Column sets grow with the assessment ages asked.
#pragma once

#include "models/dyad/model_parameters.hpp"
#include "models/household/risk_profile.hpp"
#include "sim/core/record.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace attachsim::models {

// One coder's classification of a Strange Situation.
struct CodedColumns {
  std::size_t attachment_class, organized_class, security, disorganization;
};

// A Strange Situation: the coded scales and class, the infant's working model and policy with the
// assessed figure, and the life around the assessment (for the study of change between assessments).
struct AssessmentColumns {
  std::size_t proximity_seeking, contact_maintaining, avoidance, resistance;
  std::size_t caregiver_alarming;
  CodedColumns coded;
  std::optional<CodedColumns> coder2;
  std::size_t iwm_availability, iwm_predictability, iwm_rejection, iwm_self_worth, fear;
  std::size_t policy_suppress, policy_direct, policy_escalate;
  std::size_t caregiver_sensitivity, caregiver_responsiveness, caregiver_stress, depressed, hardship, violence, partner_present, maltreating,
      life_events, violence_events, separation_days;
};

// A family screen's two verdicts (family_screen.hpp).
struct ScreenColumns {
  std::size_t depression, violence;
};

// A preschool assessment: the attachment assessment and the outcome ratings (group /childhood).
struct PreschoolColumns {
  std::size_t attachment_class, organized_class, security, avoidance, resistance, disorganization;
  std::size_t social_competence, empathy, externalizing, internalizing, peer_acceptance;
};

// Where a dyad sits among generations, and the adult its infant becomes (group /generations).
struct GenerationColumns {
  std::size_t lineage, generation, parent_dyad;
  std::size_t early_deactivation, early_hyperactivation, early_fear;
  std::size_t adult_deactivation, adult_hyperactivation, adult_fear, traumas;
  std::size_t adult_dismissing, adult_preoccupied, adult_unresolved, adult_mind, adult_mind_organized, adult_aai;
  std::array<std::size_t, liability_count> risk_liability;  // the household's, passed on with risk_continuity
};

// Time-series variables, one value per dyad per month of age.
enum SeriesVariable : std::size_t {
  series_iwm_availability,
  series_iwm_predictability,
  series_iwm_rejection,
  series_iwm_self_worth,
  series_fear,
  series_policy_suppress,
  series_policy_direct,
  series_policy_escalate,
  series_caregiver_sensitivity,
  series_caregiver_stress,
  series_caregiver_self_efficacy,
  series_caregiver_depressed,
  series_violence_events,
  series_life_events,
  series_social_support,
  series_partner_present,
  series_hardship,
  series_partner_violence,
  series_maltreating,
  series_count
};

std::string age_label(double months);  // 12 -> "12m", 7.5 -> "7p5m"

class DyadColumns {
 public:
  // `adulthood`: whether infants are followed into adulthood (adds the /generations group).
  DyadColumns(const ModelParameters& p, bool adulthood);

  const std::vector<sim::Column>& columns() const { return columns_; }
  static std::vector<sim::Series> series();
  std::size_t index_of(const std::string& name) const;

  std::size_t dyad, temperament, soothability, susceptibility, marker, episodes;
  std::size_t sensitivity_baseline, dismissing, preoccupied, unresolved, aai_drawn, aai_coded, intrusive_when_depressed,
      stress_baseline, sensitivity_final, self_efficacy_final;
  std::size_t partner_at_birth, partner_sensitivity_baseline, partner_aai_drawn, childcare_start_months;
  std::size_t high_risk_stratum, neighbourhood, chaos, support, risk_count, depressed_days, depression_first_year,
      violence_events, violence_witnessed, life_events;
  std::size_t partner_days_first_year, partner_depressed_days, partner_depressed_days_first_year;
  std::size_t hardship_days, violence_days, single_days, hardship_entries, hardship_exits, violence_starts, violence_ends,
      partner_departures, partner_arrivals;
  std::size_t maltreated, neglect_days, abuse_days, cps_reports, cps_substantiated, cps_substantiated_months;
  std::vector<std::size_t> risk_indicators;  // one per RiskIndicator
  std::size_t motivation, program_attended, program_completed, program_left, program_cost, program_effect;
  std::vector<AssessmentColumns> strange_situation;          // one per strange_situation.ages_months
  std::vector<AssessmentColumns> strange_situation_partner;  // the same ages, with the partner (when asked)
  std::vector<std::size_t> observed_sensitivity;             // one per sensitivity_observation.ages_months
  std::vector<std::size_t> observed_sensitivity_rater2;      // the same visits, a second rater (when asked)
  std::vector<std::size_t> observed_sensitivity_partner;     // the same ages, a visit with the partner (when asked)
  std::vector<std::size_t> observed_partner;                 // 0/1: whether that visit took place (a partner that day)
  std::vector<ScreenColumns> family_screen;                 // one per family_screen.ages_months
  std::vector<PreschoolColumns> preschool;          // one per preschool.ages_months
  std::optional<GenerationColumns> generations;     // when followed into adulthood

 private:
  std::size_t add(std::string name, sim::ColumnType type, std::string unit, std::string description,
                  std::string group = "dyads");
  // A Strange Situation's columns: `tag` sets them apart ("" for the main assessment, "partner_").
  AssessmentColumns add_assessment(double age, const std::string& figure, const std::string& tag, bool coder2);
  std::vector<sim::Column> columns_;
};

}  // namespace attachsim::models
