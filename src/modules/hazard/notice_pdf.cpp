#include "modules/hazard/notice_pdf.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <hpdf.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

#include "core/messages.hpp"
#include "core/text.hpp"

namespace anjian::hazard {
namespace {

// Other Debian CJK fonts lose their composite glyphs when libhpdf embeds them; WenQuanYi Zen Hei
// keeps them. The collection's first face is the proportional one.
constexpr const char* kFontPath = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
constexpr const char* kEncoding = "UTF-8";

// A4 in points, with the margins of Chinese official documents (GB/T 9704: 37 mm top, 28 mm left,
// 26 mm right, 35 mm bottom); the page number sits in the bottom margin.
constexpr float kMillimetre = 72.0F / 25.4F;
constexpr float kTextLeft = 28.0F * kMillimetre;
constexpr float kTextRight = (210.0F - 26.0F) * kMillimetre;
constexpr float kTextTop = (297.0F - 37.0F) * kMillimetre;
constexpr float kTextBottom = 35.0F * kMillimetre;
constexpr float kFooterTop = 22.0F * kMillimetre;
constexpr float kContentWidth = kTextRight - kTextLeft;

// Type sizes in points: 二号 for the title, 四号 for the text, 五号 in the table.
constexpr float kTitleSize = 22.0F;
constexpr float kNumberSize = 12.0F;
constexpr float kBodySize = 14.0F;
constexpr float kTableSize = 10.5F;
constexpr float kReceiptSize = 12.0F;
constexpr float kFooterSize = 9.0F;
// Line height over type size, and where an ideograph's top sits above the baseline.
constexpr float kLineSpacing = 1.5F;
constexpr float kTableLineSpacing = 1.4F;
constexpr float kAscent = 0.86F;
constexpr float kCellPadding = 4.0F;
constexpr float kRuleWidth = 0.6F;
constexpr float kHeaderGray = 0.9F;

// The table's columns (number, description, level, deadline, measures) as shares of the width.
constexpr size_t kColumns = 5;
constexpr std::array<float, kColumns> kColumnShares = {0.07F, 0.37F, 0.12F, 0.16F, 0.28F};

enum class Align { kLeft, kCenter, kRight };

// ---- Text

// One UTF-8 sequence at `at`: its code point (0 when invalid) and its length (1 when invalid).
std::pair<char32_t, size_t> Decode(std::string_view text, size_t at) {
  auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return {lead, 1};
  const size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || lead > 0xF4 || at + length > text.size()) return {0, 1};
  char32_t code = lead & (0x7FU >> length);
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0U) != 0x80U) return {0, 1};
    code = (code << 6U) | (byte(at + i) & 0x3FU);
  }
  static constexpr std::array<char32_t, 5> kShortest = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kShortest[length] || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) {
    return {0, 1};
  }
  return {code, length};
}

// The text as libhpdf's UTF-8 encoder can draw it: its character ids stop at U+FFFF and control
// characters have no glyph. Tabs become spaces, "\r\n" becomes "\n", anything else undrawable
// (invalid UTF-8 included) becomes '?'.
std::string Clean(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    auto [code, length] = Decode(text, at);
    if (code == '\t') {
      out += ' ';
    } else if (code == '\n') {
      out += '\n';
    } else if (code == '\r') {
      // Dropped: "\r\n" is one line break.
    } else if (code < 0x20 || (code >= 0x7F && code < 0xA0) || code > 0xFFFF) {
      out += '?';
    } else {
      out.append(text.substr(at, length));
    }
    at += length;
  }
  return out;
}

// Chinese line breaking, simply: a line may break between two ideographs (or an ideograph and
// a Latin letter) and after a space, never before closing punctuation nor after opening
// punctuation. Latin words and numbers break only at spaces unless a word is wider than a line.
constexpr std::u32string_view kClosing = U"，。、；：！？）》」』〕】〉…—,.;:!?)]}%”’";
constexpr std::u32string_view kOpening = U"（《「『〔【〈([{“‘";

bool IsWide(char32_t code) { return code >= 0x2E80; }

bool MayBreakBetween(char32_t before, char32_t after) {
  if (kClosing.find(after) != std::u32string_view::npos) return false;
  if (kOpening.find(before) != std::u32string_view::npos) return false;
  return before == ' ' || IsWide(before) || IsWide(after);
}

// "2026-10-01" → 2026, 10, 1 (the catalogue's date has no leading zeros); nothing for anything
// else.
std::optional<std::array<std::string, 3>> DateParts(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  auto unpadded = [](std::string_view part) {
    return std::string(part.front() == '0' ? part.substr(1) : part);
  };
  return std::array<std::string, 3>{std::string(date.substr(0, 4)), unpadded(date.substr(5, 2)),
                                    unpadded(date.substr(8, 2))};
}

// ---- libhpdf

// One libhpdf document. libhpdf reports a failure to the handler given at creation and then
// returns; the handler only records it, since an exception must not unwind through C frames, and
// Check throws it from C++.
class Document {
 public:
  Document() : pdf_(HPDF_New(&Document::OnError, &error_)) {
    if (pdf_ == nullptr) throw NoticePdfError("libhpdf could not create a document");
  }
  ~Document() { HPDF_Free(pdf_); }
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  HPDF_Doc get() const { return pdf_; }

  // Throws the first error libhpdf reported, saying what was being done.
  void Check(std::string_view step) const {
    if (error_.error_no == HPDF_OK) return;
    throw NoticePdfError(fmt::format("libhpdf error {:#06x} (detail {}) while {}", error_.error_no,
                                     error_.detail_no, step));
  }

 private:
  struct ErrorState {
    HPDF_STATUS error_no = HPDF_OK;
    HPDF_STATUS detail_no = 0;
  };
  static void OnError(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
    auto* state = static_cast<ErrorState*>(user_data);
    if (state->error_no == HPDF_OK) *state = {error_no, detail_no};
  }

  ErrorState error_;  // before pdf_: its address is handed to libhpdf
  HPDF_Doc pdf_;
};

// ---- The notice

struct Cell {
  std::vector<std::string> lines;
  Align align = Align::kLeft;
};
using Row = std::array<Cell, kColumns>;

class Writer {
 public:
  Writer(const NoticeDetail& notice, std::string_view language)
      : notice_(notice), language_(language) {}

  std::string Render() {
    HPDF_Doc pdf = document_.get();
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, kEncoding);
    const char* font_name = HPDF_LoadTTFontFromFile2(pdf, kFontPath, 0, HPDF_TRUE);
    document_.Check(fmt::format("loading the font {} (package fonts-wqy-zenhei)", kFontPath));
    font_ = HPDF_GetFont(pdf, font_name, kEncoding);
    document_.Check("selecting the font");
    if (font_ == nullptr) throw NoticePdfError("libhpdf returned no font");
    for (size_t c = 0; c < kColumns; ++c) column_widths_[c] = kColumnShares[c] * kContentWidth;

    NewPage();
    Heading();
    const ClosingLayout closing = LayOutClosing();
    Table(closing.height);
    Closing(closing);
    PageNumbers();
    return Output();
  }

 private:
  std::string Text(std::string_view code) const {
    return messages::Label(language_, "notice", code);
  }

  float Width(std::string_view clean_text, float size) const {
    float width = 0;
    for (size_t at = 0; at < clean_text.size();) {
      auto [code, length] = Decode(clean_text, at);
      width += GlyphWidth(code, size);
      at += length;
    }
    return width;
  }
  float GlyphWidth(char32_t code, float size) const {
    const auto per_mille = HPDF_Font_GetUnicodeWidth(font_, static_cast<HPDF_UNICODE>(code));
    return static_cast<float>(per_mille) * size / 1000.0F;
  }

  // `text` broken into lines no wider than `width`, the first `indent` narrower; "\n" starts a
  // new line.
  std::vector<std::string> Wrap(std::string_view text, float size, float width,
                                float indent = 0) const {
    struct Glyph {
      char32_t code;
      size_t begin;
      size_t end;
      float width;
    };
    const std::string clean = Clean(text);
    std::vector<std::string> lines;
    float available = width - indent;
    size_t paragraph_start = 0;
    while (true) {
      const size_t newline = clean.find('\n', paragraph_start);
      const std::string_view paragraph = std::string_view(clean).substr(
          paragraph_start,
          newline == std::string::npos ? std::string::npos : newline - paragraph_start);
      std::vector<Glyph> glyphs;
      for (size_t at = 0; at < paragraph.size();) {
        auto [code, length] = Decode(paragraph, at);
        glyphs.push_back({code, at, at + length, GlyphWidth(code, size)});
        at += length;
      }
      if (glyphs.empty()) lines.emplace_back();
      size_t start = 0;
      while (start < glyphs.size()) {
        size_t end = start;
        size_t last_break = start;
        float line_width = 0;
        for (; end < glyphs.size(); ++end) {
          if (end > start && MayBreakBetween(glyphs[end - 1].code, glyphs[end].code)) {
            last_break = end;
          }
          if (end > start && line_width + glyphs[end].width > available) break;
          line_width += glyphs[end].width;
        }
        if (end < glyphs.size() && last_break > start) end = last_break;
        size_t stop = end;
        while (stop > start && glyphs[stop - 1].code == ' ') --stop;
        lines.emplace_back(stop == start
                               ? std::string_view{}
                               : paragraph.substr(glyphs[start].begin,
                                                  glyphs[stop - 1].end - glyphs[start].begin));
        start = end;
        while (start < glyphs.size() && glyphs[start].code == ' ') ++start;
        available = width;
      }
      if (newline == std::string::npos) break;
      paragraph_start = newline + 1;
    }
    return lines;
  }

  void NewPage() {
    page_ = HPDF_AddPage(document_.get());
    document_.Check("adding a page");
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    HPDF_Page_SetLineWidth(page_, kRuleWidth);
    pages_.push_back(page_);
    y_ = kTextTop;
  }

  // Draws one line whose box of height `line_height` starts at `top`, between `left` and `right`.
  void Show(const std::string& line, float size, float line_height, float top, float left,
            float right, Align align, float indent = 0) {
    if (line.empty()) return;
    float x = left + indent;
    if (align == Align::kCenter) x = (left + right - Width(line, size)) / 2;
    if (align == Align::kRight) x = right - Width(line, size);
    const float baseline = top - (line_height - size) / 2 - kAscent * size;
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, font_, size);
    HPDF_Page_TextOut(page_, x, baseline, line.c_str());
    HPDF_Page_EndText(page_);
  }

  // A paragraph in the text column from the current position on, continuing on a new page when
  // it reaches the bottom margin.
  void Paragraph(std::string_view text, float size, Align align = Align::kLeft, float indent = 0) {
    const float line_height = size * kLineSpacing;
    bool first = true;
    for (const auto& line : Wrap(text, size, kContentWidth, indent)) {
      if (y_ - line_height < kTextBottom) NewPage();
      Show(line, size, line_height, y_, kTextLeft, kTextRight, align, first ? indent : 0);
      y_ -= line_height;
      first = false;
    }
  }

  void Heading() {
    const auto& notice = notice_.notice;
    Paragraph(Text("title"), kTitleSize, Align::kCenter);
    Paragraph(notice.number, kNumberSize, Align::kCenter);
    y_ -= kBodySize;
    Paragraph(Fill(Text("addressee"), {{"enterprise", notice.enterprise_name}}), kBodySize);
    if (!notice.enterprise_uscc.empty()) {
      Paragraph(Fill(Text("uscc"), {{"uscc", notice.enterprise_uscc}}), kNumberSize);
    }
    y_ -= kBodySize / 2;
    Paragraph(Text("body"), kBodySize, Align::kLeft, 2 * kBodySize);
    y_ -= kBodySize / 2;
  }

  // ---- The table of hazards, its header repeated on every page it spans

  Row MakeRow(const std::array<std::string, kColumns>& texts,
              const std::array<Align, kColumns>& aligns) const {
    Row row;
    for (size_t c = 0; c < kColumns; ++c) {
      row[c].lines = Wrap(texts[c], kTableSize, column_widths_[c] - 2 * kCellPadding);
      row[c].align = aligns[c];
    }
    return row;
  }

  static size_t LineCount(const Row& row) {
    size_t lines = 1;
    for (const auto& cell : row) lines = std::max(lines, cell.lines.size());
    return lines;
  }
  static float RowHeight(size_t lines) {
    return static_cast<float>(lines) * kTableSize * kTableLineSpacing + 2 * kCellPadding;
  }
  // How many lines of a row fit between `top` and the bottom margin.
  static size_t LinesThatFit(float top) {
    const float room = (top - kTextBottom - 2 * kCellPadding) / (kTableSize * kTableLineSpacing);
    return room < 1 ? 0 : static_cast<size_t>(std::floor(room));
  }

  // Lines [first, first + count) of each cell, boxed, from the current position down.
  void DrawRowPart(const Row& row, size_t first, size_t count, bool header) {
    const float line_height = kTableSize * kTableLineSpacing;
    const float height = RowHeight(count);
    float x = kTextLeft;
    for (size_t c = 0; c < kColumns; ++c) {
      const float width = column_widths_[c];
      // The fill colour is set outside a path, and set back to black for the text.
      if (header) HPDF_Page_SetGrayFill(page_, kHeaderGray);
      HPDF_Page_Rectangle(page_, x, y_ - height, width, height);
      if (header) {
        HPDF_Page_FillStroke(page_);
        HPDF_Page_SetGrayFill(page_, 0);
      } else {
        HPDF_Page_Stroke(page_);
      }
      const auto& lines = row[c].lines;
      for (size_t l = first; l < std::min(first + count, lines.size()); ++l) {
        const float top = y_ - kCellPadding - static_cast<float>(l - first) * line_height;
        Show(lines[l], kTableSize, line_height, top, x + kCellPadding, x + width - kCellPadding,
             row[c].align);
      }
      x += width;
    }
    y_ -= height;
  }

  void NewTablePage() {
    NewPage();
    DrawRowPart(header_, 0, LineCount(header_), true);
    document_.Check("drawing the table");
  }

  // A row, moved whole to the next page when it does not fit and would fit there; a row taller
  // than a page continues on the next one.
  void TableRow(const Row& row) {
    const size_t total = LineCount(row);
    const size_t page_capacity = LinesThatFit(kTextTop - RowHeight(LineCount(header_)));
    size_t done = 0;
    while (done < total) {
      const size_t fit = LinesThatFit(y_);
      const size_t left = total - done;
      if (fit == 0 || (fit < left && done == 0 && left <= page_capacity)) {
        NewTablePage();
        continue;
      }
      const size_t count = std::min(fit, left);
      DrawRowPart(row, done, count, false);
      done += count;
      if (done < total) NewTablePage();
    }
  }

  // The rows of the hazards in their order.
  std::vector<Row> HazardRows() const {
    constexpr std::array<Align, kColumns> kAligns = {Align::kCenter, Align::kLeft, Align::kCenter,
                                                     Align::kCenter, Align::kLeft};
    std::vector<Row> rows;
    rows.reserve(notice_.hazards.size());
    for (const auto& hazard : notice_.hazards) {
      std::string description = hazard.description;
      if (!hazard.location.empty()) {
        description += "\n" + Fill(Text("location"), {{"location", hazard.location}});
      }
      std::string level = hazard.level;
      if (level == "general" || level == "major") level = Text(fmt::format("level_{}", level));
      rows.push_back(MakeRow({std::to_string(rows.size() + 1), description, level,
                              hazard.deadline.value_or(""), hazard.measures},
                             kAligns));
    }
    return rows;
  }

  // Whether `height` fits below the current position, or else on a fresh page (whose table
  // header `header_height` takes room too).
  bool FitsHere(float height) const { return y_ - height >= kTextBottom; }
  static bool FitsOnFreshPage(float height, float header_height = 0) {
    return kTextTop - header_height - height >= kTextBottom;
  }

  // The table, then `closing_height` of signatures. No page holds the header alone nor the
  // signatures alone: the header starts a page with the first row (and the signatures, when
  // that row is the only one), and the last row goes to the next page with the signatures when
  // they do not fit after it. Rows too tall for that are split.
  void Table(float closing_height) {
    constexpr std::array<Align, kColumns> kHeaderAligns = {
        Align::kCenter, Align::kCenter, Align::kCenter, Align::kCenter, Align::kCenter};
    header_ = MakeRow({Text("column_index"), Text("column_description"), Text("column_level"),
                       Text("column_deadline"), Text("column_measures")},
                      kHeaderAligns);
    const std::vector<Row> rows = HazardRows();
    const float header_height = RowHeight(LineCount(header_));
    const float first_row = rows.empty() ? 0 : RowHeight(LineCount(rows.front()));
    for (const float opening : {header_height + first_row + (rows.size() <= 1 ? closing_height : 0),
                                header_height + first_row, header_height + RowHeight(1)}) {
      if (FitsHere(opening)) break;
      if (FitsOnFreshPage(opening)) {
        NewPage();
        break;
      }
    }
    DrawRowPart(header_, 0, LineCount(header_), true);
    for (size_t i = 0; i < rows.size(); ++i) {
      if (i > 0 && i + 1 == rows.size()) {
        const float together = RowHeight(LineCount(rows[i])) + closing_height;
        if (!FitsHere(together) && FitsOnFreshPage(together, header_height)) NewTablePage();
      }
      TableRow(rows[i]);
      document_.Check("drawing the table");
    }
  }

  // ---- The responsible person, the issuing unit and date, the enterprise's receipt

  std::string ResponsiblePersons() const {
    std::vector<std::string_view> names;
    for (const auto& hazard : notice_.hazards) {
      if (hazard.responsible_person.empty()) continue;
      if (std::find(names.begin(), names.end(), hazard.responsible_person) == names.end()) {
        names.emplace_back(hazard.responsible_person);
      }
    }
    return fmt::format("{}", fmt::join(names, Text("name_separator")));
  }

  std::string IssuedOn() const {
    const auto& date = notice_.notice.issued_on;
    auto parts = DateParts(date);
    if (!parts) return date;
    return Fill(
        Text("issued_on"),
        {{"year", (*parts)[0]}, {"month", (*parts)[1]}, {"day", (*parts)[2]}, {"date", date}});
  }

  struct ClosingLayout {
    std::vector<std::string> responsible;
    std::vector<std::string> unit;
    float height = 0;
  };
  static constexpr float kBodyLine = kBodySize * kLineSpacing;
  static constexpr float kSealRoom = 1.5F * kBodyLine;

  ClosingLayout LayOutClosing() const {
    ClosingLayout layout;
    const std::string names = ResponsiblePersons();
    if (!names.empty()) {
      layout.responsible =
          Wrap(Fill(Text("responsible_person"), {{"names", names}}), kBodySize, kContentWidth);
    }
    layout.unit = Wrap(notice_.notice.unit_name, kBodySize, kContentWidth / 2);
    // Half a line, the persons, room for the seal, the unit, the date, a line, the receipt.
    layout.height = kBodyLine / 2 + static_cast<float>(layout.responsible.size()) * kBodyLine +
                    kSealRoom + static_cast<float>(layout.unit.size() + 2) * kBodyLine +
                    kReceiptSize * kLineSpacing;
    return layout;
  }

  // Kept on one page.
  void Closing(const ClosingLayout& layout) {
    if (y_ - layout.height < kTextBottom) NewPage();
    y_ -= kBodyLine / 2;
    for (const auto& line : layout.responsible) {
      Show(line, kBodySize, kBodyLine, y_, kTextLeft, kTextRight, Align::kLeft);
      y_ -= kBodyLine;
    }
    y_ -= kSealRoom;
    // The unit and the date end two characters short of the right margin, as signed documents do.
    const float signature_right = kTextRight - 2 * kBodySize;
    for (const auto& line : layout.unit) {
      Show(line, kBodySize, kBodyLine, y_, kTextLeft, signature_right, Align::kRight);
      y_ -= kBodyLine;
    }
    Show(Clean(IssuedOn()), kBodySize, kBodyLine, y_, kTextLeft, signature_right, Align::kRight);
    y_ -= 2 * kBodyLine;
    Receipt();
    document_.Check("drawing the signatures");
  }

  // "Received by: ________  Date: ________", the blanks drawn as rules.
  void Receipt() {
    const float line_height = kReceiptSize * kLineSpacing;
    const std::string received = Clean(Text("receipt"));
    const std::string dated = Clean(Text("receipt_date"));
    const float gap = 2 * kReceiptSize;
    const float blanks = kContentWidth - Width(received, kReceiptSize) -
                         Width(dated, kReceiptSize) - gap - kReceiptSize / 2;
    const float signature_blank = std::max(blanks * 0.6F, 3 * kReceiptSize);
    const float rule_y = y_ - line_height + (line_height - kReceiptSize) / 2;

    // A blank starts a quarter of a character after its label.
    const float signature_from = kTextLeft + Width(received, kReceiptSize) + kReceiptSize / 4;
    const float dated_from = signature_from + signature_blank + gap;
    const float date_from = dated_from + Width(dated, kReceiptSize) + kReceiptSize / 4;
    Show(received, kReceiptSize, line_height, y_, kTextLeft, kTextRight, Align::kLeft);
    Show(dated, kReceiptSize, line_height, y_, dated_from, kTextRight, Align::kLeft);
    // Text and paths do not mix: the rules are one path after the text.
    HPDF_Page_MoveTo(page_, signature_from, rule_y);
    HPDF_Page_LineTo(page_, signature_from + signature_blank, rule_y);
    HPDF_Page_MoveTo(page_, date_from, rule_y);
    HPDF_Page_LineTo(page_, std::max(kTextRight, date_from + 3 * kReceiptSize), rule_y);
    HPDF_Page_Stroke(page_);
    y_ -= line_height;
  }

  void PageNumbers() {
    const std::string pages = std::to_string(pages_.size());
    for (size_t i = 0; i < pages_.size(); ++i) {
      page_ = pages_[i];
      const std::string text =
          Clean(Fill(Text("page"), {{"page", std::to_string(i + 1)}, {"pages", pages}}));
      Show(text, kFooterSize, kFooterSize * kLineSpacing, kFooterTop, kTextLeft, kTextRight,
           Align::kCenter);
    }
    document_.Check("numbering the pages");
  }

  std::string Output() {
    HPDF_Doc pdf = document_.get();
    HPDF_SaveToStream(pdf);
    document_.Check("writing the file");
    const HPDF_UINT32 size = HPDF_GetStreamSize(pdf);
    std::string out(size, '\0');
    // Exactly the stream's size: asking for more makes libhpdf report the end of the stream as
    // an error.
    HPDF_UINT32 read = size;
    HPDF_ReadFromStream(pdf, reinterpret_cast<HPDF_BYTE*>(out.data()), &read);
    document_.Check("reading the file");
    if (read != size || size == 0) {
      throw NoticePdfError(fmt::format("libhpdf wrote {} of {} bytes", read, size));
    }
    return out;
  }

  const NoticeDetail& notice_;
  std::string language_;
  Document document_;
  HPDF_Font font_ = nullptr;
  std::vector<HPDF_Page> pages_;
  HPDF_Page page_ = nullptr;
  float y_ = kTextTop;
  std::array<float, kColumns> column_widths_{};
  Row header_;
};

}  // namespace

std::string NoticePdf(const NoticeDetail& notice, std::string_view language) {
  return Writer(notice, language).Render();
}

}  // namespace anjian::hazard
