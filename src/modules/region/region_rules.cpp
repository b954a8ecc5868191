#include <algorithm>
#include <set>

#include "core/region_code.hpp"
#include "core/text.hpp"
#include "modules/region/region.hpp"

namespace anjian::region {
namespace {

std::string Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return std::string(text);
}

}  // namespace

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> fields;
  std::string current;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        current += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        current += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(Trim(current));
      current.clear();
    } else {
      current += c;
    }
  }
  fields.push_back(Trim(current));
  return fields;
}

ParsedCsv ParseCsv(std::string_view text) {
  ParsedCsv out;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::set<std::string> seen;
  int row = 0;
  while (!text.empty() || row == 0) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++row;
    auto fields = SplitCsvLine(line);
    if (row == 1) {
      if (fields.size() < 2 || fields[0] != "code" || fields[1] != "name") {
        out.rejected.push_back({1, "header", "invalid_csv"});
        return out;
      }
      continue;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != 2) {
      out.rejected.push_back({row, "", "invalid_csv"});
      continue;
    }
    if (!region_code::IsWellFormed(fields[0])) {
      out.rejected.push_back({row, "code", "invalid_region_code"});
      continue;
    }
    if (fields[1].empty() || CodePoints(fields[1]) > 64) {
      out.rejected.push_back({row, "name", "invalid_name"});
      continue;
    }
    if (!seen.insert(fields[0]).second) {
      out.rejected.push_back({row, "code", "duplicate_in_file"});
      continue;
    }
    out.rows.push_back({row, fields[0], fields[1]});
  }
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const ImportRow& a, const ImportRow& b) {
    return *region_code::LevelOf(a.code) < *region_code::LevelOf(b.code);
  });
  return out;
}

}  // namespace anjian::region
