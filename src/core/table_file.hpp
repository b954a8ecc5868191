#pragma once
// Spreadsheet import and export. Imports accept what offices actually send: CSV saved as UTF-8
// and XLSX written by Excel, WPS or LibreOffice; both arrive as the same plain table of text so
// that an import reads one shape whatever the user uploaded. Exports are XLSX, because Excel on a
// Chinese Windows opens a CSV without a byte order mark as GBK, and turns long digit strings into
// numbers (leading zeros lost, an 18-digit number shown as 9.13501E+17).
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace anjian::table_file {

// Limits of one XLSX worksheet (Excel's own).
inline constexpr int64_t kXlsxMaxRows = 1048576;
inline constexpr int64_t kXlsxMaxColumns = 16384;
// Excel keeps at most this many UTF-16 code units in a cell.
inline constexpr size_t kXlsxMaxCellUnits = 32767;

// Read limits: a larger upload is refused rather than risking the server's memory.
inline constexpr int64_t kMaxReadRows = 1000000;
inline constexpr size_t kMaxXlsxPartBytes = size_t{64} << 20;
// Gaps between cells are filled with empty ones, so a sparse sheet can ask for far more cells
// than its bytes hold ("A1" and "XFD900000" alone); this bounds the memory it can take.
inline constexpr size_t kMaxReadCells = size_t{8} << 20;

struct Table {
  // Row 0 is the header row as the user wrote it. Rows may differ in length: a missing cell at
  // the end of a row means an empty one. A row whose cells are all empty has no cells; such rows
  // stay in the middle, so that in XLSX row i is still the user's row i + 1, and are dropped at
  // the end.
  std::vector<std::vector<std::string>> rows;
};

// Reads a CSV or XLSX file, told apart by content (the zip signature "PK\3\4"), not by name.
//
// CSV must be UTF-8 (a byte order mark is skipped); RFC 4180 quoting, CRLF or LF line ends. Text
// inside fields is kept exactly, including line ends inside quoted fields.
//
// XLSX: the first worksheet in workbook order. Cells are text as Excel would show it without
// number formats: shared and inline strings as written, booleans "TRUE"/"FALSE", numbers with
// integers below 10^15 printed without decimals ("18", not "18.0"), others in their shortest
// exact form ("1.5", "1e+20").
// Dates are stored in XLSX as serial day numbers and stay numbers here ("45292" for 2024-01-01):
// columns holding dates must be formatted as text (YYYY-MM-DD) in the import template.
//
// Errors (kind Invalid, field "file"):
//   file_not_utf8     not XLSX and not valid UTF-8 (a GBK CSV, a legacy .xls, an encrypted
//                     workbook, a picture …)
//   file_unreadable   a damaged archive, no worksheet in it, malformed XML, or a CSV quoted field
//                     that never closes
//   file_too_large    more than kMaxReadRows rows, an XLSX part over kMaxXlsxPartBytes once
//                     uncompressed, or over kMaxReadCells cells once gaps are filled
Result<Table> ReadTable(std::string_view bytes);

// One value to export. Integers beyond Excel's 15 significant digits are written as text so that
// no digit is lost; NaN and infinities, which XLSX cannot hold, become empty cells.
using Cell = std::variant<std::monostate, std::string, int64_t, double>;

struct Sheet {
  // Characters Excel forbids in sheet names ([]:*?/\) become '_'; names are cut to 31 characters
  // and made unique, and an empty name becomes "Sheet<n>".
  std::string name;
  // Written bold in row 1, which stays frozen while scrolling. Empty: no header row.
  std::vector<std::string> header;
  std::vector<std::vector<Cell>> rows;
  // Widths in Excel's units (characters of the default font), by column; 0 keeps the default.
  std::vector<double> column_widths;
};

// The bytes of an .xlsx workbook with one worksheet per sheet. Text is cut at kXlsxMaxCellUnits
// on a character boundary. Safe to call from several threads at once; the final step (zipping)
// runs one workbook at a time, for a reason given in the .cpp. 20,000 rows of 20 columns take
// about 1 s on a 2-core machine. Bytes that are not UTF-8 are written as U+FFFD.
//
// Throws std::runtime_error on a fault: a sheet over kXlsxMaxRows rows (header included) or
// kXlsxMaxColumns columns (callers page or refuse such exports first), or no writable temporary
// directory (libxlsxwriter 1.1.4 can only write to a file).
std::string WriteXlsx(const std::vector<Sheet>& sheets);
// A workbook of one sheet in `language`: named by the catalogue's label `sheet` of the group
// "sheet", its headers the labels of `columns` in the label group `column_group`.
std::string LabelledXlsx(std::string_view language, std::string_view sheet,
                         std::string_view column_group,
                         const std::vector<std::string_view>& columns,
                         std::vector<std::vector<Cell>> rows);

}  // namespace anjian::table_file
