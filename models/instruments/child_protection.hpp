// Child protection as an instrument with imperfect detection: maltreatment comes to the attention of
// child-protective services only when someone reports it, and a report is substantiated only
// sometimes (Sedlak et al. 2010, NIS-4: CPS investigated about a third of the children harmed by
// maltreatment; US DHHS Child Maltreatment 2020: about 1 in 6 screened-in reports substantiated). Families
// who do not maltreat are also reported, rarely substantiated. What a trial can screen on is the
// substantiation, not the maltreatment itself.
#pragma once

#include "sim/core/parameter.hpp"

namespace attachsim::models {

struct ChildProtectionParameters {
  double neglect_reports_per_year;
  double abuse_reports_per_year;
  double unfounded_reports_per_year;
  double hardship_report_effect;
  double neglect_substantiation;
  double abuse_substantiation;
  double unfounded_substantiation;
};

inline sim::ParameterTable<ChildProtectionParameters> child_protection_table() {
  using P = ChildProtectionParameters;
  return {
      sim::real("neglect_reports_per_year", &P::neglect_reports_per_year, 0.4, 0, 52,
                {"1/year", "Reports per year of a family in a neglect spell.", "set with the substantiation shares so that about a third of maltreated infants become known to CPS (Sedlak et al. 2010, NIS-4)"}),
      sim::real("abuse_reports_per_year", &P::abuse_reports_per_year, 0.8, 0, 52,
                {"1/year", "Reports per year of a family in an abuse spell (injuries are seen more often).", "see neglect_reports_per_year"}),
      sim::real("unfounded_reports_per_year", &P::unfounded_reports_per_year, 0.004, 0, 52,
                {"1/year", "Reports per year of a family that is not maltreating.", "US DHHS 2020: most reports are not substantiated"}),
      sim::real("hardship_report_effect", &P::hardship_report_effect, 2, 1, 10,
                {"x", "Reports of families in hardship are this many times as frequent (surveillance bias).", "Drake & Zuravin 1998 on visibility bias"}),
      sim::real("neglect_substantiation", &P::neglect_substantiation, 0.3, 0, 1,
                {"probability", "Chance that a report of a neglecting family is substantiated.", "US DHHS 2020"}),
      sim::real("abuse_substantiation", &P::abuse_substantiation, 0.45, 0, 1,
                {"probability", "Chance that a report of an abusing family is substantiated.", "US DHHS 2020"}),
      sim::real("unfounded_substantiation", &P::unfounded_substantiation, 0.05, 0, 1,
                {"probability", "Chance that a report of a family that is not maltreating is substantiated.", "assumption"}),
  };
}

struct ChildProtectionRecord {
  int reports = 0;
  bool substantiated = false;
  int substantiated_day = -1;  // first substantiation
};

// One day: a report may come, and be substantiated. Two uniforms, drawn whether used or not.
inline void child_protection_day(const ChildProtectionParameters& p, ChildProtectionRecord& r, int day, bool neglecting,
                                 bool abusing, bool hardship, double u_report, double u_substantiate) {
  const double per_year = abusing ? p.abuse_reports_per_year : neglecting ? p.neglect_reports_per_year : p.unfounded_reports_per_year;
  if (u_report >= per_year * (hardship ? p.hardship_report_effect : 1.0) / 365.25) return;
  ++r.reports;
  const double substantiation = abusing ? p.abuse_substantiation : neglecting ? p.neglect_substantiation : p.unfounded_substantiation;
  if (u_substantiate < substantiation && !r.substantiated) r.substantiated = true, r.substantiated_day = day;
}

}  // namespace attachsim::models
