#include "sim/input/yaml_document.hpp"

#include "sim/core/input_error.hpp"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace attachsim::sim {
namespace {

SourcePosition at(const std::string& file, const YAML::Mark& mark) { return {file, mark.line + 1, mark.column + 1}; }

// Walks every map and list once: an alias (*name) shares its anchor's node, so a document of nested
// aliases is walked in time linear in its size, not in the exponential size of its expansion.
class DuplicateKeys {
 public:
  explicit DuplicateKeys(const std::string& file) : file_(file) {}

  void check(const YAML::Node& node, const std::string& path) {
    if (!node.IsMap() && !node.IsSequence()) return;
    if (!seen_.emplace(node.Mark().pos, node.IsMap()).second) return;
    if (node.IsSequence()) {
      for (const auto& item : node) check(item, path);
      return;
    }
    std::map<std::string, YAML::Mark> first;
    for (const auto& entry : node) {
      const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
      const std::string key = path.empty() ? name : path + "." + name;
      if (entry.first.IsScalar()) {
        const auto [earlier, fresh] = first.emplace(name, entry.first.Mark());
        if (!fresh)
          throw InputError(at(file_, entry.first.Mark()), key, "each key once in a map",
                           "'" + shortened(name) + "' a second time (first at line " + std::to_string(earlier->second.line + 1) +
                               ", column " + std::to_string(earlier->second.column + 1) + ")");
      }
      check(entry.second, key);
    }
  }

 private:
  const std::string& file_;
  std::set<std::pair<int, bool>> seen_;
};

// The first line indented with a tab, if any: YAML indents with spaces only, and yaml-cpp's message for
// a tab ("illegal map value", "end of map not found") does not say so.
std::optional<SourcePosition> tab_indent(const std::string& text, const std::string& file) {
  int line = 1;
  for (std::size_t start = 0; start < text.size(); ++line) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::size_t content = text.find_first_not_of(" \t", start);
    const std::size_t tab = text.find('\t', start);
    if (tab < content && content < end) return SourcePosition{file, line, static_cast<int>(tab - start) + 1};
    start = end + 1;
  }
  return std::nullopt;
}

// The first control character YAML does not allow (a NUL byte of a binary file, ...): yaml-cpp reports
// one as an "unknown escape character" followed by the character itself, which breaks the message.
std::optional<SourcePosition> control_character(const std::string& text, const std::string& file, unsigned char& found) {
  int line = 1, column = 1;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n' && c != '\t' && c != '\r') {
      found = u;
      return SourcePosition{file, line, column};
    }
    if (c == '\n') ++line, column = 1;
    else ++column;
  }
  return std::nullopt;
}

}  // namespace

YAML::Node load_yaml(const std::string& text, const std::string& file) {
  if (unsigned char c = 0; const auto at_control = control_character(text, file, c)) {
    char code[8];
    std::snprintf(code, sizeof code, "0x%02X", c);
    throw InputError(*at_control, "", "YAML text", std::string("a control character (") + code + (c == 0 ? ", a NUL byte: a binary file?)" : ")"));
  }
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(text);
  } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's guard against a stack overflow; its message says "bad file"
    throw InputError(at(file, e.mark), "", "valid YAML nested at most " + std::to_string(e.depth()) + " levels deep",
                     "deeper nesting");
  } catch (const YAML::ParserException& e) {
    if (const auto tab = tab_indent(text, file))
      throw InputError(*tab, "", "valid YAML, indented with spaces", "a tab in the indentation");
    // yaml-cpp finds an unclosed bracket only where the flow should have ended: say what it means.
    const std::string unclosed = e.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW   ? ": a '[' without its ']'"
                                 : e.msg == YAML::ErrorMsg::END_OF_MAP_FLOW ? ": a '{' without its '}'"
                                                                            : "";
    throw InputError(at(file, e.mark), "", "valid YAML", "a syntax error (" + shortened(e.msg) + unclosed + ")");
  }
  // A second document (after a '---') would be ignored without a word: its settings would look applied.
  if (documents.size() > 1) {
    const YAML::Mark mark = documents[1].Mark();
    throw InputError(mark.is_null() ? SourcePosition{file, 0, 0} : at(file, mark), "", "one YAML document",
                     "a second document (after '---')");
  }
  YAML::Node root = documents.empty() ? YAML::Node() : documents.front();
  DuplicateKeys(file).check(root, "");
  return root;
}

}  // namespace attachsim::sim
