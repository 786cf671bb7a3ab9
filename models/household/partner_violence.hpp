// Partner violence as events in violent relationships: each event is an acute stressor for the
// caregiver, leaves her frightened and helpless for a while (caregiver.violence_frightened), and, when
// the infant witnesses it, alarms the infant (Zeanah et al. 1999: violence and disorganization; Bogat et
// al. 2006: infants' trauma symptoms). A witnessed event frightens the infant of the partner who is
// violent and, less, of the caregiver who is herself frightened.
#pragma once

#include "sim/core/parameter.hpp"

namespace attachsim::models {

struct PartnerViolenceParameters {
  double events_per_month;
  double caregiver_stress;
  double witness_probability;
  double witness_fear;
  double victim_fear_share;
};

inline sim::ParameterTable<PartnerViolenceParameters> partner_violence_table() {
  using P = PartnerViolenceParameters;
  return {
      sim::real("events_per_month", &P::events_per_month, 1.0, 0, 60,
                {"events/month", "Violent events per month in a violent relationship.", "assumption; repeated victimisation is the rule (Gartland et al.)"}),
      sim::real("caregiver_stress", &P::caregiver_stress, 0.3, 0, 1,
                {"0-1", "Acute stress an event adds to the caregiver (decaying with hardship.acute_stress_days).", "assumption"}),
      sim::real("witness_probability", &P::witness_probability, 0.5, 0, 1,
                {"probability", "Chance that the infant witnesses an event.", "assumption; most violence occurs with children present (Fantuzzo et al. 1997)"}),
      sim::real("witness_fear", &P::witness_fear, 2.5, 0, 20,
                {"x fear_rate", "Fear of the violent partner a witnessed event adds, relative to one threatening answer (working_model.fear_rate).", "calibrated (docs/calibration.md): with the atypical terms to the risk contrasts, checked against the disorganization of infants who witness violence (Zeanah et al. 1999)"}),
      sim::real("victim_fear_share", &P::victim_fear_share, 0.3, 0, 1,
                {"share", "Fear of the caregiver who suffers the violence, as a share of the fear of the partner.", "assumption; Lyons-Ruth & Jacobvitz 2008: a frightened caregiver is frightening"}),
  };
}

}  // namespace attachsim::models
