#include "modules/file/file.hpp"

#include <gtest/gtest.h>

namespace anjian::file {
namespace {

TEST(FileRulesTest, MediaTypeComesFromTheBytes) {
  struct Case {
    const char* name;
    std::string bytes;
    const char* type;  // "" for refused
  };
  const Case cases[] = {
      {"JPEG (JFIF)", std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF", 10), "image/jpeg"},
      {"JPEG (Exif)", std::string("\xFF\xD8\xFF\xE1", 4), "image/jpeg"},
      {"PNG", std::string("\x89PNG\r\n\x1A\n\x00\x00", 10), "image/png"},
      {"PDF", "%PDF-1.7\n", "application/pdf"},
      {"PNG signature cut short", std::string("\x89PNG\r\n", 6), ""},
      {"two JPEG bytes", std::string("\xFF\xD8", 2), ""},
      {"PDF without the dash", "%PDF1.7", ""},
      {"GIF", "GIF89a", ""},
      {"HTML posing as an image", "<html><script>alert(1)</script>", ""},
      {"SVG", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", ""},
      {"ZIP (an XLSX)", std::string("PK\x03\x04", 4), ""},
      {"text", "hello", ""},
  };
  for (const auto& c : cases) {
    auto type = SniffMediaType(c.bytes);
    EXPECT_EQ(type.value_or(""), c.type) << c.name;
    auto checked = CheckContent(c.bytes);
    if (*c.type == '\0') {
      ASSERT_FALSE(checked) << c.name;
      EXPECT_EQ(checked.error().code, "unsupported_file_type") << c.name;
      EXPECT_EQ(checked.error().kind, ErrorKind::kInvalid) << c.name;
    } else {
      ASSERT_TRUE(checked) << c.name;
      EXPECT_EQ(*checked, c.type) << c.name;
    }
  }
  auto empty = CheckContent("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, "empty_file");
}

TEST(FileRulesTest, NamesAreCleaned) {
  struct Case {
    const char* name;
    std::string given;
    const char* media_type;
    std::string expected;
  };
  const Case cases[] = {
      {"plain", "现场照片.jpg", "image/jpeg", "现场照片.jpg"},
      {"a Unix path", "/home/user/DCIM/IMG_0001.JPG", "image/jpeg", "IMG_0001.JPG"},
      {"a Windows path", "C:\\Users\\王\\整改报告.pdf", "application/pdf", "整改报告.pdf"},
      {"control characters and quotes", "a\r\nb\"c\t.png", "image/png", "abc.png"},
      {"leading dots and spaces", " ..hidden.png ", "image/png", "hidden.png"},
      {"nothing left", "../", "image/png", "file.png"},
      {"empty", "", "image/jpeg", "file.jpg"},
      {"malformed UTF-8 dropped", std::string("a\xE4\xB8.jpg\xFF", 8), "image/jpeg", "a.jpg"},
      {"100 characters kept", std::string(120, 'x'), "image/jpeg", std::string(100, 'x')},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(CleanName(c.given, c.media_type), c.expected) << c.name;
  }
  std::string long_chinese;
  for (int i = 0; i < 150; ++i) long_chinese += "照";
  EXPECT_EQ(CleanName(long_chinese, "image/jpeg").size(), 300u) << "100 characters of 3 bytes";
}

TEST(FileRulesTest, PhotoIdLists) {
  struct Case {
    const char* name;
    std::vector<int64_t> ids;
    bool valid;
  };
  const Case cases[] = {
      {"none", {}, true},
      {"one", {7}, true},
      {"nine", {1, 2, 3, 4, 5, 6, 7, 8, 9}, true},
      {"ten", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, false},
      {"a repeat", {3, 4, 3}, false},
      {"zero", {0}, false},
      {"negative", {-2}, false},
  };
  for (const auto& c : cases) {
    auto status = CheckPhotoIds(c.ids, "photo_ids");
    EXPECT_EQ(static_cast<bool>(status), c.valid) << c.name;
    if (!status) {
      EXPECT_EQ(status.error().code, "invalid_photo_ids") << c.name;
      EXPECT_EQ(status.error().field, "photo_ids") << c.name;
    }
  }
}

}  // namespace
}  // namespace anjian::file
