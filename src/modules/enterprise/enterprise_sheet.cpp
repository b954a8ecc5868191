// The registry's spreadsheet rules: which columns, how a cell is read, how a row updates a record.
#include <algorithm>
#include <charconv>
#include <map>

#include "core/clock.hpp"
#include "core/messages.hpp"
#include "modules/enterprise/enterprise.hpp"

namespace anjian::enterprise {
namespace {

constexpr std::string_view kColumnGroup = "enterprise_column";

// Spaces people leave around values, including the full-width one (U+3000) and a no-break space.
std::string Trim(std::string_view text) {
  auto strip = [&text](bool front) {
    for (std::string_view space : {" ", "\t", "\r", "\n", "\u3000", "\u00a0"}) {
      if (front ? text.starts_with(space) : text.ends_with(space)) {
        text = front ? text.substr(space.size()) : text.substr(0, text.size() - space.size());
        return true;
      }
    }
    return false;
  };
  while (strip(true)) {
  }
  while (strip(false)) {
  }
  return std::string(text);
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> ParseNumber(std::string_view text) {
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

// Tags are separated by commas, semicolons or the enumeration comma, in either width.
std::vector<std::string> SplitTags(std::string_view text) {
  constexpr std::string_view kSeparators[] = {",", "，", "、", "；", ";"};
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    auto tag = Trim(current);
    if (!tag.empty()) out.push_back(std::move(tag));
    current.clear();
  };
  while (!text.empty()) {
    auto separator = std::find_if(std::begin(kSeparators), std::end(kSeparators),
                                  [&text](std::string_view s) { return text.starts_with(s); });
    if (separator != std::end(kSeparators)) {
      flush();
      text.remove_prefix(separator->size());
    } else {
      current += text.front();
      text.remove_prefix(1);
    }
  }
  flush();
  return out;
}

// Reads one cell into the record; the error code when it cannot be read.
std::optional<std::string> ReadCell(Enterprise& e, std::string_view column, const std::string& v) {
  auto integer = [&v](int64_t& out) -> std::optional<std::string> {
    if (v.empty()) return std::nullopt;
    auto n = ParseInteger(v);
    if (!n) return "invalid_integer";
    out = *n;
    return std::nullopt;
  };
  auto coordinate = [&v](std::optional<double>& out) -> std::optional<std::string> {
    if (v.empty()) return std::nullopt;
    auto n = ParseNumber(v);
    if (!n) return "invalid_coordinates";
    out = *n;
    return std::nullopt;
  };
  auto label = [&v](std::string_view group, std::string& out,
                    const char* code) -> std::optional<std::string> {
    if (v.empty()) return std::nullopt;
    auto found = messages::CodeForLabel(group, v);
    if (!found) return std::string(code);
    out = *found;
    return std::nullopt;
  };
  if (column == "uscc") e.uscc = v;
  if (column == "name") e.name = v;
  if (column == "region_code") e.region_code = v;
  if (column == "industry_code") e.industry_code = v;
  if (column == "address") e.address = v;
  if (column == "employees") return integer(e.employees);
  if (column == "frontline_workers") return integer(e.frontline_workers);
  if (column == "safety_inspectors") return integer(e.safety_inspectors);
  if (column == "longitude") return coordinate(e.longitude);
  if (column == "latitude") return coordinate(e.latitude);
  if (column == "scale") return label("scale", e.scale, "invalid_scale");
  if (column == "status") return label("status", e.status, "invalid_status");
  if (column == "hazard_tags") {
    e.hazard_tags.clear();
    for (const auto& tag : SplitTags(v)) {
      auto code = messages::CodeForLabel("hazard_tag", tag);
      if (!code) return "unknown_tag";
      e.hazard_tags.push_back(*code);
    }
    e.hazard_tags = DecodeTags(EncodeTags(e.hazard_tags));
  }
  if (column == "standardization_level") {
    if (v.empty()) return std::nullopt;
    auto code = messages::CodeForLabel("standardization_level", v);
    if (!code) return "invalid_standardization_level";
    e.standardization_level = ParseInteger(*code);
  }
  if (column == "standardization_expiry") {
    if (v.empty()) return std::nullopt;
    auto date = ParseSheetDate(v);
    if (!date) return "invalid_date";
    e.standardization_expiry = *date;
  }
  return std::nullopt;
}

}  // namespace

const std::vector<std::string>& ImportColumns() {
  static const std::vector<std::string> kColumns = {"uscc",
                                                    "name",
                                                    "region_code",
                                                    "industry_code",
                                                    "scale",
                                                    "employees",
                                                    "frontline_workers",
                                                    "safety_inspectors",
                                                    "hazard_tags",
                                                    "address",
                                                    "longitude",
                                                    "latitude",
                                                    "status",
                                                    "standardization_level",
                                                    "standardization_expiry"};
  return kColumns;
}

bool IsRequiredColumn(std::string_view column) {
  return column == "uscc" || column == "name" || column == "region_code" ||
         column == "industry_code";
}

std::optional<std::string> ParseSheetDate(std::string_view text) {
  std::string date(text);
  if (auto serial = ParseInteger(text)) {
    // Excel's 1900 date system counts from 1899-12-30 for every serial after its phantom
    // 29 February 1900; earlier serials are no plausible business date.
    if (*serial < 367 || *serial > 2958465) return std::nullopt;
    return AddDays("1899-12-30", static_cast<int>(*serial));
  }
  // "2027/6/30" → "2027-06-30".
  for (auto& c : date) {
    if (c == '/') c = '-';
  }
  auto first = date.find('-');
  auto second = date.find('-', first + 1);
  if (first == 4 && second != std::string::npos) {
    auto month = date.substr(first + 1, second - first - 1);
    auto day = date.substr(second + 1);
    if (month.size() == 1) month = "0" + month;
    if (day.size() == 1) day = "0" + day;
    date = date.substr(0, 4) + "-" + month + "-" + day;
  }
  if (!IsValidDate(date)) return std::nullopt;
  return date;
}

ParsedSheet ParseSheet(const std::vector<std::vector<std::string>>& table) {
  ParsedSheet out;
  if (table.empty()) {
    out.rejected.push_back({1, "uscc", "import_missing_column"});
    return out;
  }
  // Header cell → column code; several headers naming one column keep the first.
  std::map<size_t, std::string> columns;
  std::set<std::string> present;
  for (size_t i = 0; i < table[0].size(); ++i) {
    auto code = messages::CodeForLabel(kColumnGroup, Trim(table[0][i]));
    if (!code || present.contains(*code)) continue;
    const auto& known = ImportColumns();
    if (std::find(known.begin(), known.end(), *code) == known.end()) continue;
    columns[i] = *code;
    present.insert(*code);
  }
  for (const auto& column : ImportColumns()) {
    if (IsRequiredColumn(column) && !present.contains(column)) {
      out.rejected.push_back({1, column, "import_missing_column"});
    }
  }
  if (!out.rejected.empty()) return out;

  std::map<std::string, int64_t> seen;  // credit code → first row
  for (size_t r = 1; r < table.size(); ++r) {
    const auto& cells = table[r];
    auto row_number = static_cast<int64_t>(r) + 1;
    bool empty = std::all_of(cells.begin(), cells.end(),
                             [](const std::string& c) { return Trim(c).empty(); });
    if (empty) continue;
    ImportRow row{row_number, {}, present};
    std::optional<Rejection> rejection;
    for (const auto& [index, column] : columns) {
      std::string value = index < cells.size() ? Trim(cells[index]) : std::string();
      if (auto code = ReadCell(row.record, column, value)) {
        rejection = Rejection{row_number, column, *code};
        break;
      }
    }
    if (!rejection && !row.record.uscc.empty()) {
      auto [at, inserted] = seen.emplace(row.record.uscc, row_number);
      if (!inserted) rejection = Rejection{row_number, "uscc", "uscc_duplicate_in_file"};
    }
    if (rejection) {
      out.rejected.push_back(*rejection);
    } else {
      out.rows.push_back(std::move(row));
    }
  }
  return out;
}

Enterprise Merge(const Enterprise& current, const ImportRow& row) {
  Enterprise next = current;
  const auto& r = row.record;
  const auto& c = row.columns;
  if (c.contains("name")) next.name = r.name;
  if (c.contains("region_code")) next.region_code = r.region_code;
  if (c.contains("industry_code")) next.industry_code = r.industry_code;
  if (c.contains("scale")) next.scale = r.scale;
  if (c.contains("employees")) next.employees = r.employees;
  if (c.contains("frontline_workers")) next.frontline_workers = r.frontline_workers;
  if (c.contains("safety_inspectors")) next.safety_inspectors = r.safety_inspectors;
  if (c.contains("hazard_tags")) next.hazard_tags = r.hazard_tags;
  if (c.contains("address")) next.address = r.address;
  if (c.contains("longitude")) next.longitude = r.longitude;
  if (c.contains("latitude")) next.latitude = r.latitude;
  if (c.contains("status")) next.status = r.status;
  if (c.contains("standardization_level")) next.standardization_level = r.standardization_level;
  if (c.contains("standardization_expiry")) {
    next.standardization_expiry = r.standardization_expiry;
  }
  return next;
}

}  // namespace anjian::enterprise
