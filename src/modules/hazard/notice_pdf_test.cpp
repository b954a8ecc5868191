#include "modules/hazard/notice_pdf.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>

#include "core/messages.hpp"

namespace anjian::hazard {
namespace {

namespace fs = std::filesystem;

// The text column of the page in points (A4, 28 mm from the left, 26 mm from the right).
constexpr double kTextLeft = 28 * 72 / 25.4;
constexpr double kTextRight = (210 - 26) * 72 / 25.4;

NoticeDetail MakeNotice(const std::vector<std::string>& descriptions) {
  NoticeDetail detail;
  auto& notice = detail.notice;
  notice.id = 7;
  notice.number = "东安街道安监整改〔2026〕007号";
  notice.unit_region_code = "990102001000";
  notice.unit_name = "东安街道";
  notice.year = 2026;
  notice.sequence = 7;
  notice.enterprise_id = 42;
  notice.enterprise_name = "清源精密机械制造有限公司";
  notice.enterprise_uscc = "91990102MA01234567";
  notice.issued_by_user_id = 3;
  notice.issued_by_name = "王检查";
  notice.issued_on = "2026-10-01";
  detail.today = "2026-10-01";
  int64_t id = 100;
  for (const auto& description : descriptions) {
    Hazard hazard;
    hazard.id = ++id;
    hazard.enterprise_id = notice.enterprise_id;
    hazard.description = description;
    hazard.location = id % 2 == 0 ? "二号车间" : "";
    hazard.level = id % 3 == 0 ? "major" : "general";
    hazard.state = State::kNotified;
    hazard.deadline = "2026-10-31";
    hazard.responsible_person = id % 2 == 0 ? "李安全" : "张建国";
    hazard.measures = "立即停止相关作业，按规定整改，整改完成后书面报告检查单位并申请复查。";
    detail.hazards.push_back(hazard);
  }
  return detail;
}

const std::vector<std::string> kThreeHazards = {
    "消防通道堆放杂物，影响人员疏散",
    "粉尘涉爆除尘系统未按规定设置泄爆装置，除尘器进出风口未设置隔爆阀，滤袋清灰采用压缩空气反吹"
    "但未定期检查；粉尘清扫记录缺失，作业现场积尘厚度超过1毫米，部分电气设备防爆等级不符合要求"
    "（应为 DIP A21 TA T4），存在粉尘爆炸风险。",
    "3号液氨制冷机房 ammonia detector NH3-01 报警值设定为 300 ppm，高于 GB 28009-2011 "
    "规定值；鑫爨龘矗囱叠嚣彝餐馨（部件组合字）"};

// Runs a shell command and returns what it wrote to stdout; a failing command fails the test.
std::string Capture(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return out;
  }
  std::array<char, 4096> buffer{};
  size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), read);
  EXPECT_EQ(pclose(pipe), 0) << command;
  return out;
}

// Text as pdftotext gives it, without the white space that line breaks and table cells add.
std::string Squeeze(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\r' && c != '\f' && c != '\t') out += c;
  }
  return out;
}

size_t Occurrences(std::string_view text, std::string_view part) {
  size_t count = 0;
  for (size_t at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) {
    ++count;
  }
  return count;
}

class NoticePdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "anjian-notice-pdf-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  // ANJIAN_KEEP_NOTICE_PDF=1 keeps the files, to look at the pages themselves (pdftoppm -png).
  void TearDown() override {
    if (std::getenv("ANJIAN_KEEP_NOTICE_PDF") != nullptr) {
      std::cout << "kept " << dir_.string() << "\n";
      return;
    }
    fs::remove_all(dir_);
  }

  // Writes the PDF of `notice` and returns its path.
  fs::path Render(const NoticeDetail& notice, std::string_view language = "zh-CN") {
    const std::string pdf = NoticePdf(notice, language);
    EXPECT_TRUE(pdf.starts_with("%PDF-"));
    EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
    fs::path path = dir_ / fmt::format("notice-{}.pdf", ++files_);
    std::ofstream(path, std::ios::binary) << pdf;
    return path;
  }

  // The text in drawing order (cell by cell), squeezed.
  static std::string TextOf(const fs::path& pdf) {
    return Squeeze(
        Capture(fmt::format("pdftotext -raw -enc UTF-8 '{}' - 2>/dev/null", pdf.string())));
  }

  static int PagesOf(const fs::path& pdf) {
    std::smatch match;
    const std::string info = Capture(fmt::format("pdfinfo '{}' 2>/dev/null", pdf.string()));
    if (!std::regex_search(info, match, std::regex(R"(Pages:\s+(\d+))"))) return 0;
    return std::stoi(match[1]);
  }

  // Every word's box lies in the text column: long text wrapped, nothing ran off the page.
  static void ExpectWithinTextColumn(const fs::path& pdf) {
    const std::string html =
        Capture(fmt::format("pdftotext -bbox -enc UTF-8 '{}' - 2>/dev/null", pdf.string()));
    const std::regex word(R"re(<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)")re");
    size_t words = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), word);
         it != std::sregex_iterator(); ++it) {
      ++words;
      EXPECT_GE(std::stod((*it)[1]), kTextLeft - 0.5) << it->str();
      EXPECT_LE(std::stod((*it)[2]), kTextRight + 0.5) << it->str();
    }
    EXPECT_GT(words, 20u);
  }

  fs::path dir_;
  int files_ = 0;
};

TEST_F(NoticePdfTest, ThreeHazardsReadBack) {
  const NoticeDetail notice = MakeNotice(kThreeHazards);
  const fs::path pdf = Render(notice);
  EXPECT_EQ(PagesOf(pdf), 1);
  const std::string text = TextOf(pdf);
  for (const auto& expected :
       {notice.notice.number, notice.notice.enterprise_name, notice.notice.enterprise_uscc,
        notice.notice.unit_name, std::string("2026年10月1日"), std::string("张建国、李安全")}) {
    EXPECT_NE(text.find(Squeeze(expected)), std::string::npos) << expected << "\n" << text;
  }
  for (const auto& hazard : notice.hazards) {
    EXPECT_NE(text.find(Squeeze(hazard.description)), std::string::npos)
        << hazard.description << "\n"
        << text;
  }
  // The labels are the catalogue's.
  for (const char* code : {"title", "body", "column_description", "receipt", "level_major"}) {
    EXPECT_NE(text.find(Squeeze(messages::Label("zh-CN", "notice", code))), std::string::npos)
        << code;
  }
  EXPECT_NE(text.find("1消防通道堆放杂物"), std::string::npos) << "numbered in order";
  EXPECT_NE(text.find("第1页共1页"), std::string::npos);
  ExpectWithinTextColumn(pdf);
}

TEST_F(NoticePdfTest, ManyHazardsContinueOnFurtherPages) {
  std::vector<std::string> descriptions;
  for (int i = 1; i <= 40; ++i) {
    descriptions.push_back(fmt::format("第{:02d}项隐患：{}", i, kThreeHazards[i % 3]));
  }
  const NoticeDetail notice = MakeNotice(descriptions);
  const fs::path pdf = Render(notice);
  const int pages = PagesOf(pdf);
  EXPECT_GE(pages, 3);
  const std::string text = TextOf(pdf);
  for (const auto& description : descriptions) {
    EXPECT_EQ(Occurrences(text, Squeeze(description)), 1u) << description;
  }
  // The table's header starts the table on every page it spans.
  const std::string header = Squeeze("序号隐患描述隐患级别整改期限整改措施");
  EXPECT_GE(Occurrences(text, header), static_cast<size_t>(pages - 1));
  EXPECT_NE(text.find(fmt::format("第{}页共{}页", pages, pages)), std::string::npos);
  EXPECT_EQ(Occurrences(text, Squeeze(notice.notice.number)), 1u);
  ExpectWithinTextColumn(pdf);
}

// Whatever the number of rows, every page has hazards on it: no page holds the table's header
// alone, nor the signatures alone.
TEST_F(NoticePdfTest, NoPageWithoutHazards) {
  for (int count = 0; count <= 8; ++count) {
    std::vector<std::string> descriptions;
    for (int i = 1; i <= count; ++i) {
      descriptions.push_back(fmt::format("第{:02d}项隐患：{}", i, kThreeHazards[1]));
    }
    const fs::path pdf = Render(MakeNotice(descriptions));
    const int pages = PagesOf(pdf);
    EXPECT_GE(pages, 1);
    EXPECT_LE(pages, count / 2 + 2) << count << " hazards";
    for (int page = 1; page <= pages && count > 0; ++page) {
      const std::string text = Squeeze(Capture(fmt::format(
          "pdftotext -raw -enc UTF-8 -f {0} -l {0} '{1}' - 2>/dev/null", page, pdf.string())));
      EXPECT_NE(text.find("项隐患："), std::string::npos)
          << count << " hazards, page " << page << ": " << text;
    }
  }
}

TEST_F(NoticePdfTest, RowTallerThanAPageContinuesOnTheNext) {
  std::string description;
  for (int i = 1; i <= 120; ++i) description += fmt::format("第{}段：安全出口指示标志损坏。", i);
  const NoticeDetail notice = MakeNotice({description});
  const fs::path pdf = Render(notice);
  EXPECT_GE(PagesOf(pdf), 3);
  // Where the row breaks, the other cells of its first part, the page number and the next page's
  // table header come between the parts of the description.
  std::string text = std::regex_replace(TextOf(pdf), std::regex("第[0-9]+页共[0-9]+页"), "");
  for (const std::string& noise :
       {Squeeze(notice.hazards[0].measures), std::string("2026-10-31"), std::string("一般"),
        Squeeze("序号隐患描述隐患级别整改期限整改措施")}) {
    for (size_t at = text.find(noise); at != std::string::npos; at = text.find(noise, at)) {
      text.erase(at, noise.size());
    }
  }
  EXPECT_NE(text.find(description), std::string::npos) << text;
  ExpectWithinTextColumn(pdf);
}

TEST_F(NoticePdfTest, EnglishLabelsWithTheSameData) {
  const NoticeDetail notice = MakeNotice(kThreeHazards);
  const fs::path pdf = Render(notice, "en");
  const std::string text = TextOf(pdf);
  for (const auto& expected :
       {std::string("Notice of Hazard Rectification"), std::string("Major"), std::string("General"),
        std::string("Person responsible for rectification"), notice.notice.number,
        notice.notice.enterprise_name, std::string("2026-10-01")}) {
    EXPECT_NE(text.find(Squeeze(expected)), std::string::npos) << expected;
  }
  EXPECT_EQ(text.find(Squeeze("隐患整改通知书")), std::string::npos);
  ExpectWithinTextColumn(pdf);
}

TEST_F(NoticePdfTest, UndrawableCharactersBecomeQuestionMarks) {
  NoticeDetail notice = MakeNotice({std::string("表情😀控制\x01字符\xff\xfe结束\r\n第二行\t制表")});
  notice.notice.enterprise_name = "";
  notice.notice.enterprise_uscc = "";
  notice.hazards[0].responsible_person = "";
  const std::string text = TextOf(Render(notice));
  EXPECT_NE(text.find("表情?控制?字符??结束第二行制表"), std::string::npos) << text;
}

// The first page at 50 dpi in gray: the text and the table darken part of it, far from all.
TEST_F(NoticePdfTest, FirstPageIsNotBlank) {
  const fs::path pdf = Render(MakeNotice(kThreeHazards));
  const fs::path prefix = dir_ / "page";
  Capture(fmt::format("pdftoppm -r 50 -gray -f 1 -l 1 -singlefile '{}' '{}' 2>/dev/null",
                      pdf.string(), prefix.string()));
  std::ifstream file(prefix.string() + ".pgm", std::ios::binary);
  ASSERT_TRUE(file) << "pdftoppm wrote no image";
  std::string magic;
  int width = 0;
  int height = 0;
  int maximum = 0;
  file >> magic >> width >> height >> maximum;
  file.get();  // the one white space character before the pixels
  ASSERT_EQ(magic, "P5");
  ASSERT_EQ(maximum, 255);
  EXPECT_NEAR(width, 413, 2) << "A4 at 50 dpi";
  EXPECT_NEAR(height, 585, 2);
  std::vector<char> pixels(static_cast<size_t>(width) * static_cast<size_t>(height));
  ASSERT_TRUE(file.read(pixels.data(), static_cast<std::streamsize>(pixels.size())));
  size_t dark = 0;
  for (char pixel : pixels) dark += static_cast<unsigned char>(pixel) < 128 ? 1 : 0;
  EXPECT_GT(dark, pixels.size() / 100) << "dark pixels: " << dark;
  EXPECT_LT(dark, pixels.size() / 4) << "dark pixels: " << dark;
}

}  // namespace
}  // namespace anjian::hazard
