#pragma once
// The enterprise registry: types and pure rules. No I/O here.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace anjian::enterprise {

struct Enterprise {
  int64_t id = 0;
  std::string uscc;
  std::string name;
  std::string region_code;
  std::optional<int64_t> grid_cell_id;  // its level-2 grid cell (网格); none until placed
  std::string industry_code;
  std::string scale = "below";  // "above" or "below" designated size (规模以上 / 规模以下)
  int64_t employees = 0;
  int64_t frontline_workers = 0;
  int64_t safety_inspectors = 0;
  std::vector<std::string> hazard_tags;  // sorted, unique
  std::string address;
  std::optional<double> longitude;
  std::optional<double> latitude;
  std::string status = "operating";              // operating, suspended, closed
  std::optional<int64_t> standardization_level;  // 1, 2, 3 or none
  std::optional<std::string> standardization_expiry;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};

// A partial update: only the fields present change.
struct Changes {
  int64_t version = 0;
  std::optional<std::string> uscc;
  std::optional<std::string> name;
  std::optional<std::string> region_code;
  std::optional<std::optional<int64_t>> grid_cell_id;
  std::optional<std::string> industry_code;
  std::optional<std::string> scale;
  std::optional<int64_t> employees;
  std::optional<int64_t> frontline_workers;
  std::optional<int64_t> safety_inspectors;
  std::optional<std::vector<std::string>> hazard_tags;
  std::optional<std::string> address;
  std::optional<std::optional<double>> longitude;
  std::optional<std::optional<double>> latitude;
  std::optional<std::string> status;
  std::optional<std::optional<int64_t>> standardization_level;
  std::optional<std::optional<std::string>> standardization_expiry;
};

struct Filter {
  std::string q;                   // name substring
  std::string uscc;                // exact
  std::string region_code;         // a subtree
  std::optional<int64_t> grid_id;  // a grid cell (a level-1 cell includes its children's)
  bool unplaced = false;           // only enterprises in no grid cell
  std::string industry_code;       // a section or division and below
  std::string tag;
  std::string scale;
  std::string status;
  std::string sort = "id";  // id, name, -employees, -updated_at
};

// Safety inspectors (安全纠察员) should be 5–10% of front-line workers; below 5% is flagged.
bool InspectorsBelowMinimum(int64_t frontline_workers, int64_t safety_inspectors);

// Checks every field of a complete record; the first problem is returned with its field.
// `known_tags` are the tag codes the registry accepts.
Status Validate(const Enterprise& enterprise, const std::set<std::string>& known_tags);

// Applies the fields present in `changes` to a copy of `current`.
Enterprise Apply(const Enterprise& current, const Changes& changes);

// Tags as stored: sorted, each wrapped in commas (",a,b,"), so that LIKE '%,a,%' finds one.
std::string EncodeTags(std::vector<std::string> tags);
std::vector<std::string> DecodeTags(std::string_view stored);

bool IsKnownSort(std::string_view sort);

// ---- Spreadsheets (enterprise_sheet.cpp): the import template, import and export share one list
// of columns, so that an exported file can be imported again.

// The columns an import reads, in template order; a header may name one by its Chinese or
// English label or by the code itself. Other columns are ignored (an export adds some).
const std::vector<std::string>& ImportColumns();
// The columns a file must have.
bool IsRequiredColumn(std::string_view column);

struct Rejection {
  int64_t row = 0;  // as the spreadsheet numbers it: the header is row 1
  std::string field;
  std::string code;  // an error code of the message catalogue
};

struct ImportRow {
  int64_t row = 0;
  Enterprise record;              // the row's values, absent columns at their defaults
  std::set<std::string> columns;  // the columns the file has: only these change a record
};

struct ParsedSheet {
  std::vector<ImportRow> rows;  // rows whose fields all parsed
  std::vector<Rejection> rejected;
};

// Reads a table whose first row is the header. A missing required column rejects row 1 and
// nothing else; a row whose field cannot be read (a number that is not one, an unknown label or
// tag, a date that is none) is rejected with that field; a credit code seen on an earlier row is
// rejected as uscc_duplicate_in_file. Empty rows are skipped. Whole-record rules (Validate) are
// the caller's, with the database's reference data.
ParsedSheet ParseSheet(const std::vector<std::vector<std::string>>& table);

// A date as offices write it: "2027-06-30", "2027/6/30", or an Excel serial day number (a date
// cell read without its format). Nothing for anything else.
std::optional<std::string> ParseSheetDate(std::string_view text);

// The record imported over an existing one: only the file's columns change it.
Enterprise Merge(const Enterprise& current, const ImportRow& row);

}  // namespace anjian::enterprise
