// The screens a home visitor or clinic gives a family: a depression questionnaire (the Edinburgh
// Postnatal Depression Scale, Cox, Holden & Sagovsky 1987) and questions about partner violence (Rabin
// et al. 2009 review the instruments). Each reads the caregiver's state that day with the screen's
// published error: a screen misses some depressed or abused mothers and flags some who are not. A
// tailored program's assessment reads these columns, never the state itself (sim/trials/assessment.hpp).
#pragma once

#include "sim/core/imperfect_test.hpp"
#include "sim/core/parameter.hpp"
#include "sim/core/random_stream.hpp"

#include <vector>

namespace attachsim::models {

struct FamilyScreenParameters {
  std::vector<double> ages_months;
  double depression_sensitivity;
  double depression_specificity;
  double violence_sensitivity;
  double violence_specificity;
};

inline sim::ParameterTable<FamilyScreenParameters> family_screen_table() {
  using P = FamilyScreenParameters;
  return {
      sim::real_list("ages_months", &P::ages_months, {}, 0, 60,
                     {"months", "Ages at which the family is screened for the caregiver's depression and for partner violence (none by default; a trial's follow-up can ask for family_screen).",
                      "design of the study; screening at well-child visits in the first months is recommended (Earls et al. 2019)"}),
      sim::real("depression_sensitivity", &P::depression_sensitivity, 0.81, 0, 1,
                {"probability", "Chance that a caregiver depressed that day screens positive.",
                 "Levis et al. 2020, individual-participant meta-analysis of the EPDS: cut-off 11 or more, sensitivity .81"}),
      sim::real("depression_specificity", &P::depression_specificity, 0.88, 0, 1,
                {"probability", "Chance that a caregiver not depressed that day screens negative.",
                 "Levis et al. 2020: EPDS cut-off 11 or more, specificity .88"}),
      sim::real("violence_sensitivity", &P::violence_sensitivity, 0.6, 0, 1,
                {"probability", "Chance that a caregiver in a violent relationship discloses it to the screen.",
                 "assumption within the range Rabin et al. 2009 review (sensitivity .30-1.00 across screening instruments); many victims do not disclose at a single screen (MacMillan et al. 2006)"}),
      sim::real("violence_specificity", &P::violence_specificity, 0.95, 0, 1,
                {"probability", "Chance that a caregiver not in a violent relationship screens negative.",
                 "assumption within the range Rabin et al. 2009 review (specificity .86-.99)"}),
  };
}

struct ScreenResult {
  bool depression = false;  // screened positive for depression
  bool violence = false;    // disclosed partner violence
};

// One screen of a caregiver whose true state today is (depressed, violence).
inline ScreenResult screen_family(const FamilyScreenParameters& p, bool depressed, bool violence, sim::RandomStream& stream) {
  const double u_depression = stream.uniform(), u_violence = stream.uniform();
  return {sim::test_positive(depressed, u_depression, p.depression_sensitivity, p.depression_specificity),
          sim::test_positive(violence, u_violence, p.violence_sensitivity, p.violence_specificity)};
}

}  // namespace attachsim::models
