#pragma once
// The region tree: province > city > county > town > village, keyed by 12-digit codes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace anjian::region {

struct Region {
  std::string code;
  std::string name;
  int level = 0;
  std::optional<std::string> parent_code;
  bool has_children = false;
};

struct Node {
  Region region;
  std::vector<Node> children;
};

struct ImportRow {
  int row = 0;  // 1-based line number in the file, the header being line 1
  std::string code;
  std::string name;
};

struct Rejection {
  int row = 0;
  std::string field;
  std::string code;  // an error code of the message catalogue
};

struct ParsedCsv {
  std::vector<ImportRow> rows;  // valid rows, parents before children
  std::vector<Rejection> rejected;
};

// Reads "code,name" CSV (a UTF-8 BOM, CRLF line ends and quoted fields are accepted). Rejects rows
// with a malformed code, an empty or over-long name, or a code already seen earlier in the file.
// A missing or wrong header rejects row 1 and nothing else is read.
ParsedCsv ParseCsv(std::string_view text);

// Splits one CSV line into fields (RFC 4180 quoting).
std::vector<std::string> SplitCsvLine(std::string_view line);

}  // namespace anjian::region
