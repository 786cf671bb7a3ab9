#include "sim/input/input_file.hpp"

#include "sim/core/input_error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>

namespace attachsim::sim {

std::string read_config_file(const std::string& path, const std::string& what) {
  const std::string expected = "a readable " + what;
  // A directory opens as a stream on Linux and fails only when read.
  if (std::error_code ec; std::filesystem::is_directory(path, ec)) throw InputError({path, 0, 0}, "", expected, "a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    throw InputError({path, 0, 0}, "", expected,
                     error == ENOENT ? std::string("no such file") : "a file it cannot open (" + std::string(std::strerror(error)) + ")");
  }
  std::string text;
  char block[1 << 16];
  while (in.read(block, sizeof block) || in.gcount() > 0) {
    text.append(block, static_cast<std::size_t>(in.gcount()));
    if (text.size() > config_file_limit) break;
  }
  if (text.size() > config_file_limit)
    throw InputError({path, 0, 0}, "", expected + " of at most " + std::to_string(config_file_limit >> 20) + " MiB",
                     "more than that");
  // HDF5's signature opens the file, or follows a user block of 512 bytes or a larger power of two
  // (a sweep file's checksum line).
  const auto hdf5_at = [&](std::size_t offset) { return text.compare(offset, 8, "\x89HDF\r\n\x1a\n") == 0; };
  bool hdf5 = text.size() >= 8 && hdf5_at(0);
  for (std::size_t offset = 512; !hdf5 && offset + 8 <= text.size() && offset <= (1u << 16); offset *= 2) hdf5 = hdf5_at(offset);
  if (hdf5)
    throw InputError({path, 0, 0}, "", expected, "an HDF5 file (a result: give the YAML file that made it)");
  return text;
}

std::string describe_not_a_file(const std::string& path, const std::string& given) {
  namespace fs = std::filesystem;
  if (given.empty()) return "an empty name";
  std::string quoted_path(1, '\'');  // built by appends: GCC 12 warns falsely on "'" + std::string (PR 105329)
  quoted_path += shortened(path);
  quoted_path += '\'';
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) return quoted_path + ": " + ec.message();
  if (!fs::exists(status)) return "no file " + quoted_path;
  if (fs::is_directory(status)) return "a directory " + quoted_path;
  return "something other than a regular file at " + quoted_path;
}

namespace {
// The top-level keys that make a file of each kind, in the order they decide it.
constexpr std::pair<const char*, ConfigKind> kind_keys[] = {
    {"trial", ConfigKind::trial}, {"factors", ConfigKind::sweep}, {"base", ConfigKind::sweep}, {"economics", ConfigKind::economics}};

// The key of `root` that decides its kind, or root itself for a scenario.
std::pair<YAML::Node, ConfigKind> deciding_key(const YAML::Node& root) {
  if (root.IsMap())
    for (const auto& [key, kind] : kind_keys)
      for (const auto& entry : root)
        if (entry.first.IsScalar() && entry.first.Scalar() == key) return {entry.first, kind};
  return {root, ConfigKind::scenario};
}
}  // namespace

ConfigKind config_kind(const YAML::Node& root) { return deciding_key(root).second; }

YAML::Node config_kind_key(const YAML::Node& root) { return deciding_key(root).first; }

std::string describe_config_kind(ConfigKind kind) {
  switch (kind) {
    case ConfigKind::trial: return "a trial file (attachsim trial reads it)";
    case ConfigKind::sweep: return "a sweep file (attachsim sweep reads it)";
    case ConfigKind::economics: return "an economics file (a trial's 'economics:' or attachsim trial --economics reads it)";
    case ConfigKind::scenario: break;
  }
  return "a scenario (attachsim run reads it)";
}

}  // namespace attachsim::sim
