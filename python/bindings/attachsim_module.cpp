// attachsim._attachsim: the command line's run, trial, sweep, check and params in-process, for the
// Python package (python/attachsim). Each goes through the same library function as its subcommand,
// so seeds, threads and output are the CLI's; bad input raises attachsim.InputError with its parts.
#include "sim/core/config.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/model.hpp"
#include "sim/core/stop_request.hpp"
#include "sim/output/provenance.hpp"
#include "sim/runs/run_command.hpp"
#include "sim/sweeps/sweep_runner.hpp"
#include "sim/trials/trial_command.hpp"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace py = pybind11;
using namespace attachsim::sim;

namespace {

// Collects what a command prints on std::cout (its report) while it runs, instead of printing it. The
// report starts from std::cout's default number format, as in a fresh `attachsim` process: a command
// may leave its own (a sweep's two decimals) and the next call in this process must not inherit it.
class CaptureStdout {
 public:
  CaptureStdout() : previous_(std::cout.rdbuf(text_.rdbuf())) {
    saved_format_.copyfmt(std::cout);
    std::cout.copyfmt(default_format_);
  }
  ~CaptureStdout() {
    std::cout.copyfmt(saved_format_);
    std::cout.rdbuf(previous_);
  }
  CaptureStdout(const CaptureStdout&) = delete;
  CaptureStdout& operator=(const CaptureStdout&) = delete;
  std::string text() const { return text_.str(); }

 private:
  std::ostringstream text_;
  std::streambuf* previous_;
  std::ios saved_format_{nullptr}, default_format_{nullptr};
};

// Runs a command without the GIL (the simulation needs no Python; other Python threads go on). Ctrl-C
// during it stops it (sim/core/stop_request.hpp) and then does what it does in Python: the
// interpreter's own handler, KeyboardInterrupt by default.
template <class Command>
auto without_gil(Command&& command) {
  try {
    py::gil_scoped_release release;
    return command();
  } catch (const Interrupted&) {
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    PyErr_SetNone(PyExc_KeyboardInterrupt);  // the handler ran already, or not in the main thread
    throw py::error_already_set();
  }
}

py::dict run(const std::string& config, const std::vector<std::string>& overrides, std::optional<std::uint64_t> seed,
             int threads, const std::string& output, bool progress) {
  const RunOutcome outcome = without_gil([&] {
    auto model = make_model();
    return run_scenario(*model, {config, output, overrides, seed, threads, !progress});
  });
  py::dict d;
  d["report"] = outcome.report;
  d["output"] = outcome.output;
  d["rows"] = outcome.rows;
  d["wall_seconds"] = outcome.wall_seconds;
  return d;
}

py::dict trial(const std::string& file, const std::vector<std::string>& overrides, const std::string& output,
               std::optional<std::int64_t> replicates, std::optional<std::uint64_t> seed, const std::string& economics,
               int threads, bool progress) {
  const std::string report = without_gil([&] {
    auto model = make_model();
    TrialOptions options;
    options.file = file, options.overrides = overrides, options.output = output, options.replicates = replicates, options.seed = seed;
    options.economics = economics, options.threads = threads, options.progress = progress;
    CaptureStdout capture;
    run_trial_command(*model, options);
    return capture.text();
  });
  py::dict d;
  d["report"] = report;  // what the command prints; progress (stderr) only if asked
  return d;
}

py::dict sweep(const std::string& file, const std::string& output, int threads, bool progress) {
  int code = 0;
  const std::string report = without_gil([&] {
    auto model = make_model();
    SweepOptions options;
    options.output = output, options.threads = threads, options.progress = progress;
    CaptureStdout capture;
    code = run_sweep([] { return make_model(); }, scenario_schema(*model), file, options);
    return capture.text();
  });
  if (code != 0) throw std::runtime_error("the sweep did not finish (exit code " + std::to_string(code) + ")");
  py::dict d;
  d["report"] = report;  // what the command prints; progress (stderr) only if asked
  return d;
}

std::string check(const std::string& config, const std::vector<std::string>& overrides, std::optional<std::uint64_t> seed) {
  auto model = make_model();
  return load_scenario(*model, config, overrides, seed).config.to_yaml();
}

py::list params() {
  auto model = make_model();
  py::list out;
  for (const auto& p : scenario_schema(*model)) {
    py::dict d;
    d["key"] = p.key;
    d["default"] = format_value(p.default_value);
    d["allowed"] = describe_expected(p);
    d["unit"] = p.unit;
    d["meaning"] = p.meaning;
    d["source"] = p.source;
    out.append(d);
  }
  return out;
}

py::dict build_info() {
  py::dict d;
  for (const auto& [name, value] : build_provenance()) d[py::str(name)] = value;
  return d;
}

}  // namespace

PYBIND11_MODULE(_attachsim, m) {
  m.doc() = "attachsim's engine in-process (see the attachsim package)";
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const InputError& e) {
      const py::object type = py::module_::import("attachsim.errors").attr("InputError");
      const py::object error = type(e.what(), e.where().file, e.where().line, e.where().column, e.key(), e.expected(),
                                    e.found());
      PyErr_SetObject(type.ptr(), error.ptr());
    }
  });
  m.def("run", &run, py::arg("config"), py::arg("overrides"), py::arg("seed"), py::arg("threads"), py::arg("output"),
        py::arg("progress"));
  m.def("trial", &trial, py::arg("file"), py::arg("overrides"), py::arg("output"), py::arg("replicates"), py::arg("seed"),
        py::arg("economics"), py::arg("threads"), py::arg("progress"));
  m.def("sweep", &sweep, py::arg("file"), py::arg("output"), py::arg("threads"), py::arg("progress"));
  m.def("check", &check, py::arg("config"), py::arg("overrides"), py::arg("seed"));
  m.def("params", &params);
  m.def("build_info", &build_info);
}
