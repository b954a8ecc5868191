#include "core/table_file.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <limits>
#include <pugixml.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace anjian::table_file {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// An archive built in memory with libzip, the way the fixtures below stand in for files that
// Excel and WPS write: parts and element spellings that our own writer never produces.
std::string Zip(const std::vector<std::pair<std::string, std::string>>& files) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (buffer == nullptr) throw std::runtime_error("zip_source_buffer_create");
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (archive == nullptr) throw std::runtime_error("zip_open_from_source");
  zip_source_keep(buffer);  // the archive frees its source on close; we still read from it
  for (const auto& [name, content] : files) {
    zip_source_t* source = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (source == nullptr || zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      throw std::runtime_error("zip_file_add " + name);
    }
  }
  if (zip_close(archive) != 0) throw std::runtime_error("zip_close");
  std::string bytes;
  if (zip_source_open(buffer) == 0) {
    zip_source_seek(buffer, 0, SEEK_END);
    bytes.resize(static_cast<size_t>(zip_source_tell(buffer)));
    zip_source_seek(buffer, 0, SEEK_SET);
    zip_source_read(buffer, bytes.data(), bytes.size());
    zip_source_close(buffer);
  }
  zip_source_free(buffer);
  zip_error_fini(&error);
  return bytes;
}

// One part of an archive, to look inside what WriteXlsx produced.
std::string ZipPart(const std::string& bytes, const char* name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
  if (archive == nullptr) throw std::runtime_error("not a zip");
  zip_stat_t stat;
  if (zip_stat(archive, name, 0, &stat) != 0) throw std::runtime_error(std::string("no ") + name);
  std::string content(static_cast<size_t>(stat.size), '\0');
  zip_file_t* file = zip_fopen(archive, name, 0);
  zip_fread(file, content.data(), content.size());
  zip_fclose(file);
  zip_discard(archive);
  return content;
}

pugi::xml_node NthElement(const pugi::xml_node& parent, int n) {
  for (const pugi::xml_node& child : parent.children()) {
    if (n-- == 0) return child;
  }
  return {};
}

std::string ErrorCode(const Result<Table>& table) { return table ? "" : table.error().code; }

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
    R"(<Default Extension="xml" ContentType="application/xml"/></Types>)";

constexpr const char* kRelationshipsNamespace =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string Relationship(const char* id, const char* type, const char* target) {
  return std::string(R"(<Relationship Id=")") + id + R"(" Type=")" + kRelationshipsNamespace + "/" +
         type + R"(" Target=")" + target + R"("/>)";
}

// A workbook whose only sheet is sheet1.xml holding `sheet_data`, with optional shared strings.
std::string Workbook(const std::string& sheet_data, const std::string& shared_strings = {}) {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", kContentTypes},
      {"xl/workbook.xml",
       std::string(R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main")"
                   R"( xmlns:r=")") +
           kRelationshipsNamespace +
           R"("><sheets><sheet name="S" sheetId="1" r:id="rId1"/>)"
           "</sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)" +
           Relationship("rId1", "worksheet", "worksheets/sheet1.xml") +
           Relationship("rId2", "sharedStrings", "sharedStrings.xml") + "</Relationships>"},
      {"xl/worksheets/sheet1.xml",
       R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
       "<sheetData>" +
           sheet_data + "</sheetData></worksheet>"},
  };
  if (!shared_strings.empty()) {
    parts.emplace_back(
        "xl/sharedStrings.xml",
        R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)" +
            shared_strings + "</sst>");
  }
  return Zip(parts);
}

// ---------------------------------------------------------------------------------------------
// CSV

TEST(TableFileCsvTest, ParsesWhatSpreadsheetsWrite) {
  struct Case {
    const char* name;
    std::string bytes;
    Rows rows;
  };
  const Case cases[] = {
      {"LF lines", "a,b\n1,2\n", {{"a", "b"}, {"1", "2"}}},
      {"byte order mark and CRLF, as Excel's \"CSV UTF-8\" writes",
       "\xEF\xBB\xBF名称,统一社会信用代码\r\n福州安监,91350100M000100Y43\r\n",
       {{"名称", "统一社会信用代码"}, {"福州安监", "91350100M000100Y43"}}},
      {"no line end after the last line", "a,b\r\n1,2", {{"a", "b"}, {"1", "2"}}},
      {"a carriage return ends the file", "a,b\r", {{"a", "b"}}},
      {"quoted comma", "\"福州,鼓楼\",x\n", {{"福州,鼓楼", "x"}}},
      {"quoted newline", "\"第一行\n第二行\",x\ny,z\n", {{"第一行\n第二行", "x"}, {"y", "z"}}},
      {"quoted CRLF is kept inside the field", "\"a\r\nb\"\r\nc\r\n", {{"a\r\nb"}, {"c"}}},
      {"doubled quotes", "\"say \"\"hi\"\"\",\"\"\"\"\n", {{"say \"hi\"", "\""}}},
      {"empty quoted field", "\"\",x\n", {{"", "x"}}},
      {"empty last field", "a,\n", {{"a", ""}}},
      {"spaces inside fields are kept", " a , b \n", {{" a ", " b "}}},
      {"a lone carriage return inside a field is text", "a\rb\n", {{"a\rb"}}},
      {"a quote inside an unquoted field is text", "a\"b,c\n", {{"a\"b", "c"}}},
      {"text after a closing quote is kept", "\"ab\"c,d\n", {{"abc", "d"}}},
      {"blank and all-empty rows in the middle become rows without cells",
       "h\n\n,,\nv\n",
       {{"h"}, {}, {}, {"v"}}},
      {"trailing blank and all-empty rows are dropped", "h\r\n\r\n,,\r\n\"\"\n\n", {{"h"}}},
      {"only a byte order mark", "\xEF\xBB\xBF", {}},
      {"empty file", "", {}},
  };
  for (const Case& c : cases) {
    Result<Table> table = ReadTable(c.bytes);
    ASSERT_TRUE(table.ok()) << c.name << ": " << table.error().code;
    EXPECT_EQ(table->rows, c.rows) << c.name;
  }
}

TEST(TableFileCsvTest, RefusesWhatItCannotRead) {
  struct Case {
    const char* name;
    std::string bytes;
    const char* error;
  };
  const Case cases[] = {
      {"GBK (企业)", "\xC6\xF3\xD2\xB5,x\n", "file_not_utf8"},
      {"UTF-8 that breaks off in the last character", "a,\xE4\xB8\n", "file_not_utf8"},
      {"overlong slash", "a\xC0\xAF\n", "file_not_utf8"},
      {"encoded surrogate", "\xED\xA0\x80\n", "file_not_utf8"},
      {"beyond U+10FFFF", "\xF4\x90\x80\x80\n", "file_not_utf8"},
      {"legacy .xls (OLE2)", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10),
       "file_not_utf8"},
      {"a quoted field that never closes", "a,\"bc\nd,e\n", "file_unreadable"},
  };
  for (const Case& c : cases) {
    Result<Table> table = ReadTable(c.bytes);
    EXPECT_EQ(ErrorCode(table), c.error) << c.name;
    if (!table.ok()) {
      EXPECT_EQ(table.error().kind, ErrorKind::kInvalid) << c.name;
      EXPECT_EQ(table.error().field, "file") << c.name;
    }
  }
  EXPECT_NE(
      ReadTable(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)).error().detail.find(".xls"),
      std::string::npos);
}

TEST(TableFileCsvTest, RowLimit) {
  std::string at_limit;
  for (int64_t i = 0; i < kMaxReadRows; ++i) at_limit += "x\n";
  // Blank lines after the last row are not rows, so they do not count against the limit.
  Result<Table> table = ReadTable(at_limit + "\n\n,\n");
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows.size(), static_cast<size_t>(kMaxReadRows));
  EXPECT_EQ(ErrorCode(ReadTable(at_limit + "x\n")), "file_too_large");
}

// ---------------------------------------------------------------------------------------------
// XLSX written by WriteXlsx

TEST(TableFileXlsxTest, RoundTripReadsTheFirstSheet) {
  Sheet enterprises{
      "企业名单",
      {"名称", "统一社会信用代码", "从业人数", "面积", "备注"},
      {
          {std::string("福州市安全生产有限公司"), std::string("91350100M000100Y43"), int64_t{18},
           1.5, std::string("多行\n文本")},
          {std::string("闽侯县\"引号\",逗号"), std::string("000123"), int64_t{-42}, 0.1, Cell{}},
          {Cell{}, Cell{}, int64_t{0}, 1e20, std::string("only the ends")},
          {std::string("大整数"), int64_t{1234567890123456789}, int64_t{999999999999999},
           std::numeric_limits<double>::quiet_NaN(), std::string("NaN is left empty")},
          {std::string(" leading space"), std::string("_x0041_ stays literal"),
           std::string("a\001b\rc\td"), std::string("😀"), std::string("\xFF bad byte")},
      },
      {30, 22, 0, 10}};
  Sheet second{"第二页", {"不应读到"}, {{std::string("第二页的内容")}}, {}};
  const std::string bytes = WriteXlsx({enterprises, second});
  ASSERT_TRUE(bytes.starts_with("PK\x03\x04"));

  Result<Table> table = ReadTable(bytes);
  ASSERT_TRUE(table.ok()) << table.error().code << " " << table.error().detail;
  const Rows expected = {
      {"名称", "统一社会信用代码", "从业人数", "面积", "备注"},
      {"福州市安全生产有限公司", "91350100M000100Y43", "18", "1.5", "多行\n文本"},
      {"闽侯县\"引号\",逗号", "000123", "-42", "0.1"},
      {"", "", "0", "1e+20", "only the ends"},
      {"大整数", "1234567890123456789", "999999999999999", "", "NaN is left empty"},
      {" leading space", "_x0041_ stays literal", "a\001b\rc\td", "😀", "\xEF\xBF\xBD bad byte"},
  };
  EXPECT_EQ(table->rows, expected);
}

TEST(TableFileXlsxTest, HeaderIsBoldAndFrozen) {
  const std::string bytes = WriteXlsx({Sheet{"S", {"名称"}, {{std::string("x")}}, {25}}});
  const std::string sheet = ZipPart(bytes, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find(R"(ySplit="1")"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find(R"(state="frozen")"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find(R"(width="25.)"), std::string::npos) << sheet;
  // The header cell uses a cell format whose font is bold.
  pugi::xml_document styles;
  const std::string styles_xml = ZipPart(bytes, "xl/styles.xml");
  ASSERT_TRUE(styles.load_string(styles_xml.c_str()));
  pugi::xml_document worksheet;
  ASSERT_TRUE(worksheet.load_string(sheet.c_str()));
  const pugi::xml_node header_cell = worksheet.select_node("//c[@r='A1']").node();
  ASSERT_TRUE(header_cell);
  const pugi::xml_node format =
      NthElement(styles.child("styleSheet").child("cellXfs"), header_cell.attribute("s").as_int());
  ASSERT_TRUE(format);
  const pugi::xml_node font_node =
      NthElement(styles.child("styleSheet").child("fonts"), format.attribute("fontId").as_int());
  EXPECT_TRUE(font_node.child("b")) << styles_xml;
  // The data cell does not share it.
  EXPECT_FALSE(worksheet.select_node("//c[@r='A2']").node().attribute("s"));
}

TEST(TableFileXlsxTest, LongTextIsCutOnACharacterBoundary) {
  struct Case {
    const char* name;
    std::string character;
    size_t count;
    size_t expected_count;
  };
  const Case cases[] = {
      {"ASCII", "a", 40000, kXlsxMaxCellUnits},
      {"Chinese, three bytes each", "中", 40000, kXlsxMaxCellUnits},
      // Excel counts UTF-16 code units, and an emoji takes two.
      {"emoji, four bytes and two units each", "😀", 20000, kXlsxMaxCellUnits / 2},
      {"just at the limit", "中", kXlsxMaxCellUnits, kXlsxMaxCellUnits},
  };
  for (const Case& c : cases) {
    std::string text;
    for (size_t i = 0; i < c.count; ++i) text += c.character;
    Result<Table> table = ReadTable(WriteXlsx({Sheet{"S", {}, {{text}}, {}}}));
    ASSERT_TRUE(table.ok()) << c.name;
    std::string expected;
    for (size_t i = 0; i < c.expected_count; ++i) expected += c.character;
    ASSERT_EQ(table->rows.size(), 1u) << c.name;
    EXPECT_EQ(table->rows[0][0], expected) << c.name;
  }
}

TEST(TableFileXlsxTest, SheetNamesAreMadeAcceptableToExcel) {
  std::vector<Sheet> sheets;
  for (const char* name : {"a/b", "A:B", "", "History", "'引号'",
                           "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三"}) {
    sheets.push_back(Sheet{name, {}, {{std::string(name)}}, {}});
  }
  const std::string bytes = WriteXlsx(sheets);
  pugi::xml_document workbook;
  const std::string workbook_xml = ZipPart(bytes, "xl/workbook.xml");
  ASSERT_TRUE(workbook.load_string(workbook_xml.c_str()));
  std::vector<std::string> names;
  for (const pugi::xml_node& sheet : workbook.child("workbook").child("sheets").children("sheet")) {
    names.emplace_back(sheet.attribute("name").value());
  }
  const std::vector<std::string> expected = {
      "a_b",      "A_B (2)", "Sheet3",
      "History_", "_引号_",  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"};
  EXPECT_EQ(names, expected);
  // No header: the first row holds data.
  Result<Table> table = ReadTable(bytes);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows, (Rows{{"a/b"}}));
}

TEST(TableFileXlsxTest, NoSheetsStillMakesAWorkbook) {
  Result<Table> table = ReadTable(WriteXlsx({}));
  ASSERT_TRUE(table.ok()) << table.error().detail;
  EXPECT_TRUE(table->rows.empty());
}

std::set<std::filesystem::path> OurTemporaryDirectories() {
  std::set<std::filesystem::path> found;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
    if (entry.path().filename().string().starts_with("anjian-xlsx-")) found.insert(entry.path());
  }
  return found;
}

TEST(TableFileXlsxTest, TemporaryFilesAreRemovedEvenOnError) {
  const std::set<std::filesystem::path> before = OurTemporaryDirectories();
  EXPECT_FALSE(WriteXlsx({Sheet{"S", {"h"}, {{int64_t{1}}}, {}}}).empty());
  // One column too many: libxlsxwriter's 16-bit column would wrap to column A instead.
  Sheet too_wide{
      "S", std::vector<std::string>(static_cast<size_t>(kXlsxMaxColumns) + 1, "h"), {}, {}};
  EXPECT_THROW(WriteXlsx({too_wide}), std::runtime_error);
  for (const std::filesystem::path& path : OurTemporaryDirectories()) {
    EXPECT_TRUE(before.contains(path)) << path << " was left behind";
  }
}

TEST(TableFileXlsxTest, SeveralThreadsWriteAtOnce) {
  constexpr int kThreads = 6;
  constexpr int kWorkbooksEach = 4;
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      for (int w = 0; w < kWorkbooksEach; ++w) {
        Sheet sheet{"线程" + std::to_string(t), {"线程", "序号"}, {}, {}};
        for (int r = 0; r < 200; ++r) {
          sheet.rows.push_back({std::string("t") + std::to_string(t), int64_t{w * 1000 + r}});
        }
        Result<Table> table = ReadTable(WriteXlsx({sheet}));
        if (!table.ok() || table->rows.size() != 201 ||
            table->rows[200] !=
                std::vector<std::string>{"t" + std::to_string(t), std::to_string(w * 1000 + 199)}) {
          failures[static_cast<size_t>(t)] += "workbook " + std::to_string(w) + " differs; ";
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[static_cast<size_t>(t)], "") << t;
}

// ---------------------------------------------------------------------------------------------
// XLSX as Excel and WPS write it

TEST(TableFileXlsxTest, ReadsAHandBuiltExcelStyleWorkbook) {
  const std::string main_namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  // Tabs in the order 导入, 旧表: the first tab's part is sheet2.xml, reached by an absolute
  // target, and the relationship ids are not in tab order either.
  const std::string workbook =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\r\n<workbook xmlns=\"" +
      main_namespace + "\" xmlns:r=\"" + kRelationshipsNamespace +
      "\"><bookViews><workbookView/></bookViews><sheets>"
      R"(<sheet name="导入" sheetId="2" r:id="rId3"/><sheet name="旧表" sheetId="1" r:id="rId1"/>)"
      "</sheets></workbook>";
  const std::string relationships =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)" +
      Relationship("rId1", "worksheet", "worksheets/sheet1.xml") +
      Relationship("rId2", "styles", "styles.xml") +
      Relationship("rId3", "worksheet", "/xl/worksheets/sheet2.xml") +
      Relationship("rId4", "sharedStrings", "sharedStrings.xml") + "</Relationships>";
  const std::string shared_strings =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "<sst xmlns=\"" +
      main_namespace +
      "\" count=\"5\" uniqueCount=\"5\">"
      "<si><t>名称</t></si>"
      // Rich text: two runs, the first bold, and a phonetic run that is not part of the text.
      R"(<si><r><rPr><b/><sz val="11"/></rPr><t>安全</t></r>)"
      R"(<r><rPr><sz val="11"/></rPr><t xml:space="preserve"> 生产</t></r>)"
      R"(<rPh sb="0" eb="2"><t>アンゼン</t></rPh><phoneticPr fontId="1"/></si>)"
      "<si><t>91350100M000100Y43</t></si>"
      "<si><t>a_x000D_b_x005F_x0041_</t></si>"
      R"(<si><t xml:space="preserve"> </t></si>)"
      "</sst>";
  const std::string sheet2 =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "<worksheet xmlns=\"" +
      main_namespace +
      "\"><dimension ref=\"A1:F6\"/><sheetData>"
      // A gap: B1 is not written.
      R"(<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1" s="1" t="s"><v>1</v></c></row>)"
      // Row 2 is missing.
      R"(<row r="3"><c r="A3" t="inlineStr"><is><t>内联</t></is></c>)"
      R"(<c r="B3"><v>18</v></c><c r="C3" t="n"><v>1.5</v></c><c r="D3" t="b"><v>1</v></c>)"
      R"(<c r="E3" t="str"><f>"公"&amp;"式"</f><v>公式</v></c><c r="F3" s="2"><v>1.0E+3</v></c></row>)"
      // Cells without references follow one another.
      R"(<row r="4"><c t="s"><v>2</v></c><c><v>-0.25</v></c><c t="s"><v>3</v></c></row>)"
      // Formatted but empty cells and a cached error value.
      R"(<row r="5"><c r="A5" s="3"/><c r="B5" s="3"/></row>)"
      R"(<row r="6"><c r="A6" t="e"><v>#N/A</v></c><c r="B6" t="s"><v>4</v></c>)"
      R"(<c r="C6"><v>45292</v></c></row>)"
      // Trailing rows with formatting only.
      R"(<row r="7" customFormat="1"><c r="A7" s="3"/></row><row r="40" ht="20"/>)"
      "</sheetData></worksheet>";
  const std::string sheet1 =
      "<worksheet xmlns=\"" + main_namespace +
      R"("><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>旧表</t></is></c></row>)"
      "</sheetData></worksheet>";
  const std::string bytes = Zip({{"[Content_Types].xml", kContentTypes},
                                 {"xl/workbook.xml", workbook},
                                 {"xl/_rels/workbook.xml.rels", relationships},
                                 {"xl/sharedStrings.xml", shared_strings},
                                 {"xl/worksheets/sheet1.xml", sheet1},
                                 {"xl/worksheets/sheet2.xml", sheet2}});

  Result<Table> table = ReadTable(bytes);
  ASSERT_TRUE(table.ok()) << table.error().code << " " << table.error().detail;
  const Rows expected = {
      {"名称", "", "安全 生产"},
      {},
      {"内联", "18", "1.5", "TRUE", "公式", "1000"},
      {"91350100M000100Y43", "-0.25", "a\rb_x0041_"},
      {},
      {"#N/A", " ", "45292"},
  };
  EXPECT_EQ(table->rows, expected);
}

TEST(TableFileXlsxTest, ReadsPrefixedElementsAndFallsBackToSheet1) {
  // The .NET Open XML SDK writes the spreadsheet namespace with a prefix; and without a workbook
  // part the conventional sheet1.xml is read.
  const std::string sheet =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>企业</x:t></x:is></x:c>)"
      R"(<x:c r="B1"><x:v>3.14159</x:v></x:c></x:row>)"
      R"(<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:r><x:t>富</x:t></x:r><x:r><x:t>文本</x:t>)"
      R"(</x:r></x:is></x:c></x:row></x:sheetData></x:worksheet>)";
  Result<Table> table = ReadTable(Zip({{"xl/worksheets/sheet1.xml", sheet}}));
  ASSERT_TRUE(table.ok()) << table.error().code << " " << table.error().detail;
  EXPECT_EQ(table->rows, (Rows{{"企业", "3.14159"}, {"", "富文本"}}));
}

TEST(TableFileXlsxTest, NumbersAreWrittenPlainly) {
  struct Case {
    const char* stored;
    const char* read;
  };
  const Case cases[] = {
      {"18", "18"},
      {"18.0", "18"},
      {"1.0E+3", "1000"},
      {"-0", "0"},
      {"1.5", "1.5"},
      {"0.30000000000000004", "0.30000000000000004"},
      {"123456789012345", "123456789012345"},
      {"1E+15", "1e+15"},
      {"9.1350100000000006E+17", "9.13501e+17"},
      {"1.23E-5", "1.23e-05"},
      {"not a number", "not a number"},
  };
  for (const Case& c : cases) {
    Result<Table> table = ReadTable(
        Workbook(std::string(R"(<row r="1"><c r="A1"><v>)") + c.stored + "</v></c></row>"));
    ASSERT_TRUE(table.ok()) << c.stored;
    EXPECT_EQ(table->rows, (Rows{{c.read}})) << c.stored;
  }
}

TEST(TableFileXlsxTest, RefusesBrokenAndOversizedWorkbooks) {
  struct Case {
    const char* name;
    std::string bytes;
    const char* error;
  };
  std::string oversized = R"(<worksheet><sheetData>)";
  oversized.append(kMaxXlsxPartBytes, ' ');
  oversized += "</sheetData></worksheet>";
  const Case cases[] = {
      {"zip signature, then garbage", std::string("PK\x03\x04", 4) + "this is not an archive",
       "file_unreadable"},
      // libzip writes nothing at all for an archive without files, so this is the bare end record.
      {"an empty archive", std::string("PK\x05\x06", 4) + std::string(18, '\0'), "file_unreadable"},
      {"an archive without a worksheet", Zip({{"word/document.xml", "<document/>"}}),
       "file_unreadable"},
      {"workbook names a sheet the archive lacks",
       Zip({{"xl/workbook.xml",
             std::string(R"(<workbook xmlns:r=")") + kRelationshipsNamespace +
                 R"("><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
            {"xl/_rels/workbook.xml.rels",
             "<Relationships>" + Relationship("rId1", "worksheet", "worksheets/data.xml") +
                 "</Relationships>"},
            {"xl/worksheets/sheet1.xml", "<worksheet/>"}}),
       "file_unreadable"},
      {"malformed sheet XML", Workbook(R"(<row r="1"><c r="A1"><v>1</v></row>)"),
       "file_unreadable"},
      {"shared string index beyond the table",
       Workbook(R"(<row r="1"><c r="A1" t="s"><v>1</v></c></row>)", "<si><t>a</t></si>"),
       "file_unreadable"},
      {"shared string cell without shared strings",
       Workbook(R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)"), "file_unreadable"},
      {"column beyond XFD", Workbook(R"(<row r="1"><c r="XFE1"><v>1</v></c></row>)"),
       "file_unreadable"},
      {"malformed cell reference", Workbook(R"(<row r="1"><c r="1A"><v>1</v></c></row>)"),
       "file_unreadable"},
      {"text that is not UTF-8",
       Workbook(R"(<row r="1"><c r="A1" t="inlineStr"><is><t>)" + std::string("\xC6\xF3") +
                "</t></is></c></row>"),
       "file_unreadable"},
      {"a value beyond row 1,000,000",
       Workbook(R"(<row r="1000001"><c r="A1000001"><v>1</v></c></row>)"), "file_too_large"},
      {"gaps that would fill too many cells", Workbook([] {
         std::string rows;
         for (int r = 1; r <= 520; ++r) {
           rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"XFD" + std::to_string(r) +
                   "\"><v>1</v></c></row>";
         }
         return rows;
       }()),
       "file_too_large"},
      {"a sheet over 64 MiB once uncompressed", Zip({{"xl/worksheets/sheet1.xml", oversized}}),
       "file_too_large"},
  };
  for (const Case& c : cases) {
    Result<Table> table = ReadTable(c.bytes);
    EXPECT_EQ(ErrorCode(table), c.error) << c.name;
    if (!table.ok()) {
      EXPECT_EQ(table.error().field, "file") << c.name;
      EXPECT_EQ(table.error().kind, ErrorKind::kInvalid) << c.name;
    }
  }
}

TEST(TableFileXlsxTest, EmptyCellsFarDownDoNotCount) {
  // Excel writes rows for formatting alone; they are neither rows nor reasons to refuse a file.
  Result<Table> table = ReadTable(Workbook(
      R"(<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576" s="1"/></row>)"));
  ASSERT_TRUE(table.ok()) << table.error().code;
  EXPECT_EQ(table->rows, (Rows{{"1"}}));
}

}  // namespace
}  // namespace anjian::table_file
