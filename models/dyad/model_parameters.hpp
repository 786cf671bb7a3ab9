// All parameters of the attachment model, gathered from the component that declares each group.
#pragma once

#include "models/instruments/adult_attachment_interview.hpp"
#include "models/later_development/adulthood.hpp"
#include "models/caregiver/caregiver.hpp"
#include "models/caregiver/maltreatment.hpp"
#include "models/household/care_practices.hpp"
#include "models/household/care_schedule.hpp"
#include "models/household/life_course.hpp"
#include "models/instruments/child_protection.hpp"
#include "models/household/context.hpp"
#include "models/caregiver/depression.hpp"
#include "models/household/economic_hardship.hpp"
#include "models/household/household_chaos.hpp"
#include "models/programs/intervention_program.hpp"
#include "models/household/partner_violence.hpp"
#include "models/later_development/preschool.hpp"
#include "models/household/risk_profile.hpp"
#include "models/infant/development.hpp"
#include "models/infant/infant.hpp"
#include "models/infant/learning.hpp"
#include "models/instruments/family_screen.hpp"
#include "models/instruments/sensitivity_observation.hpp"
#include "models/infant/signalling_policy.hpp"
#include "models/caregiver/state_of_mind.hpp"
#include "models/instruments/strange_situation.hpp"
#include "models/infant/working_model.hpp"
#include "sim/core/config.hpp"

namespace attachsim::models {

// Ages at which one instrument is applied: a small fixed bound keeps a dyad's schedule allocation-free.
constexpr std::size_t max_assessments = 8;

struct ModelParameters {
  DevelopmentParameters development;
  InfantParameters infant;
  CaregiverParameters caregiver;
  StateOfMindParameters state_of_mind;
  ContextParameters context;
  RiskParameters risk;
  DepressionParameters depression;
  PartnerViolenceParameters partner_violence;
  HardshipParameters hardship;
  ChaosSupportParameters chaos_support;
  CarePracticesParameters care_practices;
  LifeCourseParameters life_course;
  PartnerParameters partner;
  ChildcareParameters childcare;
  NightCareParameters night_care;
  MaltreatmentParameters maltreatment;
  ChildProtectionParameters child_protection;
  ProgramParameters program;
  SignallingParameters signalling;
  LearningParameters learning;
  WorkingModelParameters working_model;
  StrangeSituationParameters strange_situation;
  SensitivityObservationParameters sensitivity_observation;
  FamilyScreenParameters family_screen;
  AaiParameters aai;
  PreschoolParameters preschool;
  AdulthoodParameters adulthood;
};

inline sim::ParameterTable<ModelParameters> model_parameter_table() {
  using M = ModelParameters;
  sim::ParameterTable<M> t;
  sim::nest(t, "development", &M::development, development_table());
  sim::nest(t, "infant", &M::infant, infant_table());
  sim::nest(t, "caregiver", &M::caregiver, caregiver_table());
  sim::nest(t, "state_of_mind", &M::state_of_mind, state_of_mind_table());
  sim::nest(t, "context", &M::context, context_table());
  sim::nest(t, "risk", &M::risk, risk_table());
  sim::nest(t, "depression", &M::depression, depression_table());
  sim::nest(t, "partner_violence", &M::partner_violence, partner_violence_table());
  sim::nest(t, "hardship", &M::hardship, hardship_table());
  sim::nest(t, "chaos_support", &M::chaos_support, chaos_support_table());
  sim::nest(t, "care_practices", &M::care_practices, care_practices_table());
  sim::nest(t, "life_course", &M::life_course, life_course_table());
  sim::nest(t, "partner", &M::partner, partner_table());
  sim::nest(t, "childcare", &M::childcare, childcare_table());
  sim::nest(t, "night_care", &M::night_care, night_care_table());
  sim::nest(t, "maltreatment", &M::maltreatment, maltreatment_table());
  sim::nest(t, "child_protection", &M::child_protection, child_protection_table());
  sim::nest(t, "program", &M::program, program_table());
  sim::nest(t, "signalling", &M::signalling, signalling_table());
  sim::nest(t, "learning", &M::learning, learning_table());
  sim::nest(t, "working_model", &M::working_model, working_model_table());
  sim::nest(t, "strange_situation", &M::strange_situation, strange_situation_table());
  sim::nest(t, "sensitivity_observation", &M::sensitivity_observation, sensitivity_observation_table());
  sim::nest(t, "family_screen", &M::family_screen, family_screen_table());
  sim::nest(t, "aai", &M::aai, aai_table());
  sim::nest(t, "preschool", &M::preschool, preschool_table());
  sim::nest(t, "adulthood", &M::adulthood, adulthood_table());
  return t;
}

// Binds a resolved config and checks what single-parameter ranges cannot: shares that must sum to
// one, ages within the simulated span, phases in order. Throws sim::InputError.
ModelParameters bind_model_parameters(const sim::ResolvedConfig& config);

}  // namespace attachsim::models
