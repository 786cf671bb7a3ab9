// The classroom page's engine in the browser: the classroom API (classroom_api.hpp) over the model,
// compiled to WebAssembly by emscripten, the cohort run serially (no threads) with the same records as
// `attachsim serve`. One exported function answers one request; web/engine_static.js calls it.
#include "sim/classroom/classroom_api.hpp"

#include <string>

namespace {

std::string last_answer;  // kept until the next call, so the pointer handed to JavaScript stays valid

}  // namespace

// Returns {"status": 200|400|500, "body": ...} flattened as "STATUS BODY": the status as three digits,
// a space, then the JSON body (so JavaScript needs no second call for the status).
extern "C" const char* classroom_answer(const char* request_json) {
  using namespace attachsim::sim;
  const CohortRunner on_this_thread = [](const Model& model, const RunSettings& settings, Summary& summary, RecordSink& sink) {
    return run_population_serial(model, settings, summary, &sink);
  };
  const ClassroomAnswer answer = answer_classroom(request_json, on_this_thread);
  last_answer = std::to_string(answer.status) + " " + answer.body;
  return last_answer.c_str();
}
