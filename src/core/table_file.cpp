#include "core/table_file.hpp"

#include <xlsxwriter.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <optional>
#include <pugixml.hpp>
#include <set>
#include <stdexcept>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "core/messages.hpp"

namespace anjian::table_file {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

Error FileError(const char* code, std::string detail = {}) {
  Error error = Error::Invalid(code, "file");
  error.detail = std::move(detail);
  return error;
}

// ---------------------------------------------------------------------------------------------
// UTF-8

// The length of the well-formed UTF-8 sequence starting at text[i], or 0 when there is none.
// Overlong forms, surrogates and code points beyond U+10FFFF are refused, as RFC 3629 requires.
size_t Utf8SequenceLength(std::string_view text, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (text.size() - i < length) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

void AppendUtf8(std::string& out, char32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// ---------------------------------------------------------------------------------------------
// Excel's escapes: XML cannot carry most control characters, so OOXML writes a UTF-16 code unit
// as "_xHHHH_" (a carriage return is "_x000D_"), and a literal text of that shape has its
// underscore escaped as "_x005F_".

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of an escape "_xHHHH_" at text[i], if one is there.
std::optional<char32_t> EscapeAt(std::string_view text, size_t i) {
  if (text.size() - i < 7 || text[i] != '_' || text[i + 1] != 'x' || text[i + 6] != '_') {
    return std::nullopt;
  }
  char32_t unit = 0;
  for (size_t k = 2; k < 6; ++k) {
    const int digit = HexValue(text[i + k]);
    if (digit < 0) return std::nullopt;
    unit = unit * 16 + static_cast<char32_t>(digit);
  }
  return unit;
}

std::string DecodeEscapes(std::string_view text) {
  if (text.find("_x") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const std::optional<char32_t> unit = EscapeAt(text, i);
    if (!unit) {
      out += text[i++];
      continue;
    }
    i += 7;
    char32_t code_point = *unit;
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      const std::optional<char32_t> low = i < text.size() ? EscapeAt(text, i) : std::nullopt;
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
        i += 7;
      }
    }
    // A lone surrogate is not a character, and a NUL would cut the text short in C APIs.
    if (code_point == 0 || (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      out += kReplacementCharacter;
    } else {
      AppendUtf8(out, code_point);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CSV

bool AllEmpty(const std::vector<std::string>& row) {
  return std::all_of(row.begin(), row.end(), [](const std::string& cell) { return cell.empty(); });
}

Result<Table> ReadCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (!IsValidUtf8(text)) return FileError("file_not_utf8");

  Table table;
  // Empty rows are counted rather than stored until a row with content follows, so that a file
  // of blank lines costs no memory and trailing blank lines vanish.
  size_t pending_empty_rows = 0;
  std::vector<std::string> row;
  const size_t size = text.size();
  size_t i = 0;
  while (i < size) {
    row.clear();
    for (;;) {
      std::string field;
      if (i < size && text[i] == '"') {
        ++i;
        for (;;) {
          const size_t quote = text.find('"', i);
          if (quote == std::string_view::npos) {
            return FileError("file_unreadable",
                             "a quoted field in CSV row " +
                                 std::to_string(table.rows.size() + pending_empty_rows + 1) +
                                 " never closes");
          }
          field.append(text.substr(i, quote - i));
          i = quote + 1;
          if (i < size && text[i] == '"') {
            field += '"';
            ++i;
            continue;
          }
          break;
        }
        // Text between the closing quote and the next separator is kept as written, as Excel
        // does, rather than refusing the whole file over it.
      }
      size_t end = text.find_first_of(",\n", i);
      if (end == std::string_view::npos) end = size;
      size_t stop = end;
      if ((end == size || text[end] == '\n') && stop > i && text[stop - 1] == '\r') --stop;
      field.append(text.substr(i, stop - i));
      row.push_back(std::move(field));
      i = end;
      if (i < size && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < size) ++i;  // the '\n'
      break;
    }
    if (AllEmpty(row)) {
      ++pending_empty_rows;
      continue;
    }
    if (table.rows.size() + pending_empty_rows + 1 > static_cast<size_t>(kMaxReadRows)) {
      return FileError("file_too_large", "more than " + std::to_string(kMaxReadRows) + " rows");
    }
    table.rows.resize(table.rows.size() + pending_empty_rows);
    pending_empty_rows = 0;
    table.rows.push_back(std::move(row));
    row = {};
  }
  return table;
}

// ---------------------------------------------------------------------------------------------
// XLSX: the zip archive

struct ZipDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipDiscard>;

struct ZipFileClose {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

Result<ZipArchive> OpenArchive(std::string_view bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source != nullptr ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  if (archive == nullptr) {
    std::string detail = zip_error_strerror(&error);
    // The archive owns the source only once it has opened.
    if (source != nullptr) zip_source_free(source);
    zip_error_fini(&error);
    return FileError("file_unreadable", "zip: " + detail);
  }
  zip_error_fini(&error);
  return ZipArchive(archive);
}

// The uncompressed bytes of a part, or nothing when the archive has no such part. Reading stops
// at the limit whatever the archive's directory claims, so a zip bomb costs at most the limit.
Result<std::optional<std::string>> ReadPart(zip_t* archive, const std::string& name) {
  // Names are matched without case: some writers spell "xl/SharedStrings.xml".
  const zip_int64_t index = zip_name_locate(archive, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::optional<std::string>();
  const auto entry = static_cast<zip_uint64_t>(index);
  zip_stat_t stat;
  zip_stat_init(&stat);
  size_t expected = 0;
  if (zip_stat_index(archive, entry, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) != 0) {
    if (stat.size > kMaxXlsxPartBytes) {
      return FileError("file_too_large", name + " is " + std::to_string(stat.size) + " bytes");
    }
    expected = static_cast<size_t>(stat.size);
  }
  std::unique_ptr<zip_file_t, ZipFileClose> file(zip_fopen_index(archive, entry, 0));
  if (!file) {
    return FileError("file_unreadable", name + ": " + zip_strerror(archive));
  }
  std::string content;
  content.reserve(expected);
  constexpr size_t kChunk = size_t{1} << 16;
  for (;;) {
    const size_t used = content.size();
    content.resize(used + kChunk);
    const zip_int64_t read = zip_fread(file.get(), content.data() + used, kChunk);
    if (read < 0) {
      return FileError("file_unreadable", name + ": " + zip_file_strerror(file.get()));
    }
    content.resize(used + static_cast<size_t>(read));
    if (content.size() > kMaxXlsxPartBytes) {
      return FileError("file_too_large", name + " is over " + std::to_string(kMaxXlsxPartBytes) +
                                             " bytes uncompressed");
    }
    if (read == 0) break;
  }
  return std::optional<std::string>(std::move(content));
}

// ---------------------------------------------------------------------------------------------
// XLSX: XML helpers. Element names are compared without their prefix: Excel writes the
// spreadsheet namespace as the default one, but other writers (the .NET Open XML SDK among them)
// write "<x:row>", and both are the same element.

std::string_view LocalName(const char* name) {
  const std::string_view full(name);
  const size_t colon = full.find(':');
  return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

bool Is(const pugi::xml_node& node, std::string_view local_name) {
  return node.type() == pugi::node_element && LocalName(node.name()) == local_name;
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view local_name) {
  for (const pugi::xml_node& child : parent.children()) {
    if (Is(child, local_name)) return child;
  }
  return {};
}

// All character data directly inside the node (pugixml splits text around CDATA sections).
std::string Text(const pugi::xml_node& node) {
  std::string text;
  for (const pugi::xml_node& child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
    }
  }
  return text;
}

// Parses in place: the document points into `text`, which must outlive it. Whitespace-only text
// is kept when it is an element's only content, so that a cell holding " " stays " ".
Status ParseXml(std::string& text, pugi::xml_document& document, const std::string& name) {
  const pugi::xml_parse_result parsed = document.load_buffer_inplace(
      text.data(), text.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!parsed) {
    return FileError("file_unreadable", name + ": " + parsed.description() + " at byte " +
                                            std::to_string(parsed.offset));
  }
  return {};
}

// A string item (<si> of the shared strings, <is> of an inline string): either one <t>, or rich
// text runs <r><t>…</t></r>. Phonetic runs (<rPh>), which East Asian Excel adds as reading aids,
// are not part of the text.
std::string StringItemText(const pugi::xml_node& item) {
  std::string text;
  for (const pugi::xml_node& child : item.children()) {
    if (Is(child, "t")) {
      text += Text(child);
    } else if (Is(child, "r")) {
      for (const pugi::xml_node& run_part : child.children()) {
        if (Is(run_part, "t")) text += Text(run_part);
      }
    }
  }
  return DecodeEscapes(text);
}

Error NotUtf8Part(const std::string& name) {
  return FileError("file_unreadable", name + " holds text that is not UTF-8");
}

// Resolves a relationship target against the folder of the part that names it ("xl/"): targets
// are relative ("worksheets/sheet1.xml") or absolute within the package ("/xl/worksheets/…").
std::string ResolveTarget(std::string_view base_folder, std::string_view target) {
  std::string joined = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(base_folder) + std::string(target);
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    const std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = slash + 1;
  }
  std::string path;
  for (const std::string& segment : segments) {
    if (!path.empty()) path += '/';
    path += segment;
  }
  return path;
}

struct PartNames {
  std::string sheet = "xl/worksheets/sheet1.xml";
  std::string shared_strings = "xl/sharedStrings.xml";
};

// Finds the first worksheet in workbook order (which need not be sheet1.xml: the file names keep
// the order sheets were created in, not the order of the tabs) and the shared strings part.
// Without a workbook or its relationships, the conventional names are assumed.
Result<PartNames> FindParts(zip_t* archive) {
  PartNames names;
  Result<std::optional<std::string>> workbook_xml = ReadPart(archive, "xl/workbook.xml");
  if (!workbook_xml) return workbook_xml.error();
  Result<std::optional<std::string>> relationships_xml =
      ReadPart(archive, "xl/_rels/workbook.xml.rels");
  if (!relationships_xml) return relationships_xml.error();
  if (!*workbook_xml || !*relationships_xml) return names;

  pugi::xml_document relationships;
  if (Status parsed = ParseXml(**relationships_xml, relationships, "xl/_rels/workbook.xml.rels");
      !parsed) {
    return parsed.error();
  }
  struct Relationship {
    std::string type;
    std::string target;
  };
  std::unordered_map<std::string, Relationship> by_id;
  for (const pugi::xml_node& relationship : Child(relationships, "Relationships").children()) {
    if (!Is(relationship, "Relationship")) continue;
    const std::string_view type = relationship.attribute("Type").value();
    const std::string target = ResolveTarget("xl/", relationship.attribute("Target").value());
    // Types are matched by their last segment, which transitional and strict OOXML share.
    if (type.ends_with("/sharedStrings")) names.shared_strings = target;
    by_id[relationship.attribute("Id").value()] = {std::string(type), target};
  }

  pugi::xml_document workbook;
  if (Status parsed = ParseXml(**workbook_xml, workbook, "xl/workbook.xml"); !parsed) {
    return parsed.error();
  }
  const pugi::xml_node sheets = Child(Child(workbook, "workbook"), "sheets");
  for (const pugi::xml_node& sheet : sheets.children()) {
    if (!Is(sheet, "sheet")) continue;
    // The relationship id is "r:id" in the relationships namespace, whatever its prefix.
    std::string id;
    for (const pugi::xml_attribute& attribute : sheet.attributes()) {
      const std::string_view name = attribute.name();
      if (name.find(':') != std::string_view::npos && LocalName(attribute.name()) == "id") {
        id = attribute.value();
      }
    }
    const auto found = by_id.find(id);
    if (found != by_id.end() && found->second.type.ends_with("/worksheet")) {
      names.sheet = found->second.target;
      return names;
    }
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// XLSX: cells

// A cell's column from its reference ("C5" → 2), or nothing when the reference is malformed.
std::optional<int64_t> ColumnOf(std::string_view reference) {
  int64_t column = 0;
  size_t letters = 0;
  while (letters < reference.size() && letters < 4) {
    const char c = reference[letters];
    int value = 0;
    if (c >= 'A' && c <= 'Z') {
      value = c - 'A' + 1;
    } else if (c >= 'a' && c <= 'z') {
      value = c - 'a' + 1;
    } else {
      break;
    }
    column = column * 26 + value;
    ++letters;
  }
  if (letters == 0 || letters > 3) return std::nullopt;
  if (letters == reference.size() || reference[letters] < '0' || reference[letters] > '9') {
    return std::nullopt;
  }
  return column - 1;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// A number cell as text: integers without decimals ("18", "1000" for "1.0E+3"), other values in
// the shortest form that reads back as the same double. Text that is not a number is kept.
std::string FormatNumber(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::string(text);
  }
  char buffer[64];
  std::to_chars_result written{};
  if (value == std::trunc(value) && std::fabs(value) < 1e15) {
    written = std::to_chars(std::begin(buffer), std::end(buffer), static_cast<int64_t>(value));
  } else {
    written = std::to_chars(std::begin(buffer), std::end(buffer), value);
  }
  return std::string(std::begin(buffer), written.ptr);
}

Result<std::string> CellText(const pugi::xml_node& cell,
                             const std::vector<std::string>& shared_strings) {
  const std::string_view type = cell.attribute("t").value();
  if (type == "inlineStr") {
    const pugi::xml_node item = Child(cell, "is");
    std::string text = StringItemText(item);
    if (!IsValidUtf8(text)) return NotUtf8Part("an inline string");
    return text;
  }
  const std::string value = Text(Child(cell, "v"));
  if (type == "s") {
    const std::optional<int64_t> index = ParseInteger(value);
    if (!index || *index < 0 || static_cast<size_t>(*index) >= shared_strings.size()) {
      return FileError("file_unreadable", "shared string index '" + value + "' out of range");
    }
    return shared_strings[static_cast<size_t>(*index)];
  }
  std::string text;
  if (type == "b") {
    text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
  } else if (type == "str") {
    text = DecodeEscapes(value);  // a formula's cached text result
  } else if (type == "e" || type == "d") {
    text = value;  // an error such as "#N/A", or an ISO 8601 date (strict OOXML)
  } else {
    text = FormatNumber(value);
  }
  if (!IsValidUtf8(text)) return NotUtf8Part("a cell");
  return text;
}

Result<std::vector<std::string>> ReadSharedStrings(zip_t* archive, const std::string& name) {
  Result<std::optional<std::string>> xml = ReadPart(archive, name);
  if (!xml) return xml.error();
  std::vector<std::string> strings;
  if (!*xml) return strings;
  pugi::xml_document document;
  if (Status parsed = ParseXml(**xml, document, name); !parsed) return parsed.error();
  for (const pugi::xml_node& item : Child(document, "sst").children()) {
    if (!Is(item, "si")) continue;
    strings.push_back(StringItemText(item));
    if (!IsValidUtf8(strings.back())) return NotUtf8Part(name);
  }
  return strings;
}

Result<Table> ReadXlsx(std::string_view bytes) {
  Result<ZipArchive> archive = OpenArchive(bytes);
  if (!archive) return archive.error();
  zip_t* zip = archive->get();

  Result<PartNames> names = FindParts(zip);
  if (!names) return names.error();
  Result<std::optional<std::string>> sheet_xml = ReadPart(zip, names->sheet);
  if (!sheet_xml) return sheet_xml.error();
  if (!*sheet_xml) return FileError("file_unreadable", "no worksheet " + names->sheet);
  Result<std::vector<std::string>> shared_strings = ReadSharedStrings(zip, names->shared_strings);
  if (!shared_strings) return shared_strings.error();

  pugi::xml_document sheet;
  if (Status parsed = ParseXml(**sheet_xml, sheet, names->sheet); !parsed) return parsed.error();

  Table table;
  size_t cells = 0;
  int64_t row_number = 0;  // 1-based, as in the file
  const pugi::xml_node sheet_data = Child(Child(sheet, "worksheet"), "sheetData");
  for (const pugi::xml_node& row : sheet_data.children()) {
    if (!Is(row, "row")) continue;
    // Row and cell references may be omitted; they then follow the previous ones.
    if (const pugi::xml_attribute reference = row.attribute("r")) {
      const std::optional<int64_t> number = ParseInteger(reference.value());
      if (!number || *number < 1) {
        return FileError("file_unreadable",
                         std::string("row reference '") + reference.value() + "'");
      }
      row_number = *number;
    } else {
      ++row_number;
    }
    int64_t column = -1;
    for (const pugi::xml_node& cell : row.children()) {
      if (!Is(cell, "c")) continue;
      if (const pugi::xml_attribute reference = cell.attribute("r")) {
        const std::optional<int64_t> parsed = ColumnOf(reference.value());
        if (!parsed) {
          return FileError("file_unreadable",
                           std::string("cell reference '") + reference.value() + "'");
        }
        column = *parsed;
      } else {
        ++column;
      }
      if (column >= kXlsxMaxColumns) {
        return FileError("file_unreadable", "a cell beyond column XFD");
      }
      Result<std::string> text = CellText(cell, *shared_strings);
      if (!text) return text.error();
      // Only cells with text are placed: styled but empty cells, which Excel writes for every
      // formatted cell, neither widen a row nor make a trailing row.
      if (text->empty()) continue;
      if (row_number > kMaxReadRows) {
        return FileError("file_too_large", "more than " + std::to_string(kMaxReadRows) + " rows");
      }
      const auto row_index = static_cast<size_t>(row_number - 1);
      const auto column_index = static_cast<size_t>(column);
      if (table.rows.size() <= row_index) table.rows.resize(row_index + 1);
      std::vector<std::string>& cells_of_row = table.rows[row_index];
      if (cells_of_row.size() <= column_index) {
        cells += column_index + 1 - cells_of_row.size();
        if (cells > kMaxReadCells) {
          return FileError("file_too_large", "more than " + std::to_string(kMaxReadCells) +
                                                 " cells with gaps filled");
        }
        cells_of_row.resize(column_index + 1);
      }
      cells_of_row[column_index] = std::move(*text);
    }
  }
  return table;
}

bool IsZip(std::string_view bytes) {
  // A local file header, or the end record of an archive with no files at all.
  return bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06");
}

// ---------------------------------------------------------------------------------------------
// Writing

// Text as libxlsxwriter must receive it: valid UTF-8 (invalid bytes become U+FFFD, since one bad
// byte makes Excel refuse the whole file), no NUL (it would end a C string early), literal
// "_xHHHH_" escaped so that Excel shows it as written (libxlsxwriter 1.1.4 escapes control
// characters but not these), and cut to `max_units` characters. Excel counts UTF-16 code units;
// libxlsxwriter counts code points of the text it is given, escapes included: both must fit.
std::string ExcelText(std::string_view text, size_t max_units) {
  std::string out;
  out.reserve(std::min(text.size(), max_units * 4));
  size_t units = 0;
  size_t code_points = 0;
  size_t i = 0;
  while (i < text.size()) {
    const size_t length = Utf8SequenceLength(text, i);
    if (length == 1 && text[i] == '\0') {
      ++i;
      continue;
    }
    const std::string_view piece = length == 0 ? kReplacementCharacter : text.substr(i, length);
    const size_t piece_units = length == 4 ? 2 : 1;
    const bool escape = text[i] == '_' && EscapeAt(text, i).has_value();
    const size_t piece_code_points = escape ? 7 : 1;  // "_x005F_" for "_"
    if (units + piece_units > max_units || code_points + piece_code_points > max_units) break;
    out += escape ? std::string_view("_x005F_") : piece;
    units += piece_units;
    code_points += piece_code_points;
    i += length == 0 ? 1 : length;
  }
  return out;
}

constexpr size_t kSheetNameMaxUnits = 31;

std::string AsciiLower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

// Names Excel accepts, decided here because libxlsxwriter refuses a bad name with a warning on
// stderr and no worksheet.
std::vector<std::string> SheetNames(const std::vector<Sheet>& sheets) {
  std::vector<std::string> names;
  std::set<std::string> taken;  // compared without case, as Excel does
  for (size_t s = 0; s < sheets.size(); ++s) {
    std::string name = ExcelText(sheets[s].name, kSheetNameMaxUnits);
    for (char& c : name) {
      if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
    }
    if (name.starts_with('\'')) name.front() = '_';
    if (name.ends_with('\'')) name.back() = '_';
    if (name.empty()) name = "Sheet" + std::to_string(s + 1);
    if (AsciiLower(name) == "history") name += '_';  // reserved by Excel
    std::string candidate = name;
    for (int copy = 2; taken.contains(AsciiLower(candidate)); ++copy) {
      const std::string suffix = " (" + std::to_string(copy) + ")";
      candidate = ExcelText(name, kSheetNameMaxUnits - suffix.size()) + suffix;
    }
    taken.insert(AsciiLower(candidate));
    names.push_back(std::move(candidate));
  }
  return names;
}

void Check(lxw_error error, const char* action) {
  if (error != LXW_NO_ERROR) {
    throw std::runtime_error(std::string("WriteXlsx: ") + action + ": " + lxw_strerror(error));
  }
}

// A private directory (mode 0700, a fresh name from mkdtemp) for one workbook, removed with
// everything in it when this goes out of scope, on success or error alike.
class TemporaryDirectory {
 public:
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "anjian-xlsx-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(),
                              "WriteXlsx: cannot create a directory in " + pattern);
    }
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct WorkbookFree {
  void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
};

// Integers Excel holds exactly: it keeps 15 significant digits.
constexpr int64_t kMaxExactInteger = 999'999'999'999'999;

class SheetWriter {
 public:
  SheetWriter(lxw_worksheet* worksheet, lxw_format* bold) : worksheet_(worksheet), bold_(bold) {}

  void Write(const Sheet& sheet) {
    size_t row = 0;
    if (!sheet.header.empty()) {
      for (size_t column = 0; column < sheet.header.size(); ++column) {
        WriteText(row, column, sheet.header[column], bold_);
      }
      worksheet_freeze_panes(worksheet_, 1, 0);
      ++row;
    }
    const size_t widths =
        std::min(sheet.column_widths.size(), static_cast<size_t>(kXlsxMaxColumns));
    for (size_t column = 0; column < widths; ++column) {
      if (sheet.column_widths[column] > 0) {
        const auto index = static_cast<lxw_col_t>(column);
        Check(worksheet_set_column(worksheet_, index, index, sheet.column_widths[column], nullptr),
              "column width");
      }
    }
    for (const std::vector<Cell>& cells : sheet.rows) {
      for (size_t column = 0; column < cells.size(); ++column) {
        std::visit([&](const auto& value) { WriteValue(row, column, value); }, cells[column]);
      }
      ++row;
    }
  }

 private:
  // Positions are checked here because libxlsxwriter's column type is 16 bits wide: a larger
  // index would wrap around and land in the wrong column instead of failing.
  static std::pair<lxw_row_t, lxw_col_t> Position(size_t row, size_t column) {
    if (row >= static_cast<size_t>(kXlsxMaxRows) ||
        column >= static_cast<size_t>(kXlsxMaxColumns)) {
      throw std::runtime_error("WriteXlsx: cell (" + std::to_string(row) + ", " +
                               std::to_string(column) + ") lies outside an Excel worksheet");
    }
    return {static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(column)};
  }

  void WriteText(size_t row, size_t column, std::string_view text, lxw_format* format) {
    const auto [r, c] = Position(row, column);
    const std::string prepared = ExcelText(text, kXlsxMaxCellUnits);
    if (prepared.empty()) return;
    Check(worksheet_write_string(worksheet_, r, c, prepared.c_str(), format), "text cell");
  }

  void WriteNumber(size_t row, size_t column, double value) {
    const auto [r, c] = Position(row, column);
    Check(worksheet_write_number(worksheet_, r, c, value, nullptr), "number cell");
  }

  void WriteValue(size_t row, size_t column, std::monostate /*empty*/) { Position(row, column); }
  void WriteValue(size_t row, size_t column, const std::string& text) {
    WriteText(row, column, text, nullptr);
  }
  void WriteValue(size_t row, size_t column, int64_t value) {
    if (value >= -kMaxExactInteger && value <= kMaxExactInteger) {
      WriteNumber(row, column, static_cast<double>(value));
    } else {
      WriteText(row, column, std::to_string(value), nullptr);
    }
  }
  void WriteValue(size_t row, size_t column, double value) {
    if (std::isfinite(value)) {
      WriteNumber(row, column, value);
    } else {
      Position(row, column);
    }
  }

  lxw_worksheet* worksheet_;
  lxw_format* bold_;
};

// workbook_close in libxlsxwriter 1.1.4 touches two process-wide things without a lock: gmtime()'s
// static buffer (for the document's creation time) and the static seed of its temporary file
// names (tmpfileplus). Closing one workbook at a time keeps concurrent exports from racing on
// them; building the cells, the other half of the work, still runs in parallel.
std::mutex& CloseMutex() {
  static std::mutex mutex;
  return mutex;
}

std::string ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("WriteXlsx: cannot read back " + path.string());
  std::string content(static_cast<size_t>(fs::file_size(path)), '\0');
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  if (!in) throw std::runtime_error("WriteXlsx: cannot read back " + path.string());
  return content;
}

}  // namespace

Result<Table> ReadTable(std::string_view bytes) {
  if (IsZip(bytes)) return ReadXlsx(bytes);
  Result<Table> table = ReadCsv(bytes);
  if (!table && table.error().code == "file_not_utf8" && bytes.starts_with("\xD0\xCF\x11\xE0")) {
    Error error = table.error();
    error.detail = "an OLE2 compound file: a legacy .xls or an encrypted workbook";
    return error;
  }
  return table;
}

std::string WriteXlsx(const std::vector<Sheet>& sheets) {
  // libxlsxwriter 1.1.4 writes only to a named file (its options have no output buffer), and
  // keeps its own temporary files in the directory given as tmpdir: one private directory holds
  // both, so no name can clash with another export's.
  const TemporaryDirectory directory;
  const fs::path file = directory.path() / "workbook.xlsx";
  std::string temporary_folder = directory.path().string();
  lxw_workbook_options options{};
  options.tmpdir = temporary_folder.data();
  std::unique_ptr<lxw_workbook, WorkbookFree> workbook(
      workbook_new_opt(file.string().c_str(), &options));
  if (!workbook) throw std::runtime_error("WriteXlsx: cannot start a workbook");

  lxw_format* bold = workbook_add_format(workbook.get());
  if (bold == nullptr) throw std::runtime_error("WriteXlsx: cannot add a format");
  format_set_bold(bold);

  const std::vector<std::string> names = SheetNames(sheets);
  for (size_t s = 0; s < sheets.size(); ++s) {
    lxw_worksheet* worksheet = workbook_add_worksheet(workbook.get(), names[s].c_str());
    if (worksheet == nullptr) {
      throw std::runtime_error("WriteXlsx: cannot add worksheet '" + names[s] + "'");
    }
    SheetWriter(worksheet, bold).Write(sheets[s]);
  }

  lxw_error closed = LXW_NO_ERROR;
  {
    const std::lock_guard lock(CloseMutex());
    closed = workbook_close(workbook.release());  // frees the workbook, whatever the outcome
  }
  Check(closed, "close");
  return ReadWholeFile(file);
}

std::string LabelledXlsx(std::string_view language, std::string_view sheet,
                         std::string_view column_group,
                         const std::vector<std::string_view>& columns,
                         std::vector<std::vector<Cell>> rows) {
  Sheet out;
  out.name = messages::Label(language, "sheet", sheet);
  out.header.reserve(columns.size());
  for (auto column : columns) out.header.push_back(messages::Label(language, column_group, column));
  out.rows = std::move(rows);
  return WriteXlsx({out});
}

}  // namespace anjian::table_file
