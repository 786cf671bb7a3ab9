#include "sim/output/output_name.hpp"

#include "sim/core/sha1.hpp"
#include "sim/output/partial_file.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace attachsim::sim {
namespace {

// An override as a piece of a file name: letters, digits and . _ - = kept; a list's commas and spaces
// become one '_'; brackets, quotes and anything a shell or a file system could trip on are dropped.
std::string name_piece(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '=')
      out += c;
    else if ((c == ',' || c == ' ' || c == '/') && !out.empty() && out.back() != '_')
      out += '_';
  }
  return out;
}

// The config's name, after the folders between a `configs` folder and it (configs/populations/normative.yaml:
// populations-normative), so that the shipped scenarios of one file name (configs/normative.yaml and
// configs/populations/normative.yaml) do not write one result file.
std::string config_name(const std::string& config) {
  const std::filesystem::path path = std::filesystem::path(config).lexically_normal();
  std::vector<std::string> folders;
  for (const auto& part : path.parent_path()) folders.push_back(part.string());
  const auto configs = std::find(folders.rbegin(), folders.rend(), "configs");
  std::string name;
  if (configs != folders.rend())
    for (auto folder = configs.base(); folder != folders.end(); ++folder) name += *folder + "-";
  return name + path.stem().string();
}

}  // namespace

std::string default_output_path(const std::string& config, const std::vector<std::string>& overrides,
                                const std::optional<std::uint64_t>& seed) {
  return named_output_path(config_name(config), overrides, seed);
}

std::string named_output_path(const std::string& stem, const std::vector<std::string>& overrides,
                              const std::optional<std::uint64_t>& seed) {
  constexpr std::size_t longest = 120;  // longer names (many overrides) use a hash of the overrides instead
  std::vector<std::string> pieces;
  for (const auto& o : overrides) pieces.push_back(name_piece(o));
  if (seed) pieces.push_back("seed=" + std::to_string(*seed));
  std::string name = stem;
  for (const auto& p : pieces) name += "+" + p;
  if (name.size() > longest) {
    std::string all;
    for (const auto& o : overrides) all += o + "\n";
    if (seed) all += "seed=" + std::to_string(*seed) + "\n";
    name = stem + "+" + sha1_hex(all).substr(0, 12);
  }
  return default_result_path(name);
}

}  // namespace attachsim::sim
