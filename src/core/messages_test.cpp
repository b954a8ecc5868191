#include "core/messages.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/resources.hpp"

namespace anjian::messages {
namespace {

TEST(MessagesTest, LanguageFromAcceptLanguage) {
  struct Case {
    const char* header;
    const char* language;
  };
  const Case cases[] = {
      {"", "zh-CN"},      {"zh-CN", "zh-CN"},       {"zh-CN,en;q=0.8", "zh-CN"},
      {"en", "en"},       {"en-US,en;q=0.9", "en"}, {" EN-gb", "en"},
      {"fr-FR", "zh-CN"}, {"e", "zh-CN"},
  };
  for (const auto& c : cases) EXPECT_EQ(LanguageFor(c.header), c.language) << c.header;
}

TEST(MessagesTest, EveryCodeHasBothLanguages) {
  std::map<std::string, nlohmann::json> catalogues;
  for (const auto& r : resources::Locales()) {
    catalogues[std::string(r.name)] = nlohmann::json::parse(r.text).at("errors");
  }
  ASSERT_EQ(catalogues.size(), 2u);
  for (const auto& [code, text] : catalogues.at("zh-CN").items()) {
    EXPECT_TRUE(catalogues.at("en").contains(code)) << code << " has no English text";
  }
  for (const auto& [code, text] : catalogues.at("en").items()) {
    EXPECT_TRUE(catalogues.at("zh-CN").contains(code)) << code << " has no Chinese text";
  }
}

TEST(MessagesTest, EveryLabelHasBothLanguages) {
  std::map<std::string, nlohmann::json> catalogues;
  for (const auto& r : resources::Locales()) {
    catalogues[std::string(r.name)] = nlohmann::json::parse(r.text).at("labels");
  }
  for (const auto& [group, labels] : catalogues.at("zh-CN").items()) {
    ASSERT_TRUE(catalogues.at("en").contains(group)) << group;
    for (const auto& [code, text] : labels.items()) {
      EXPECT_TRUE(catalogues.at("en").at(group).contains(code)) << group << "/" << code;
    }
  }
  for (const auto& [group, labels] : catalogues.at("en").items()) {
    for (const auto& [code, text] : labels.items()) {
      EXPECT_TRUE(catalogues.at("zh-CN").contains(group) &&
                  catalogues.at("zh-CN").at(group).contains(code))
          << group << "/" << code;
    }
  }
}

TEST(MessagesTest, LabelsAndTheirCodes) {
  EXPECT_EQ(Label("zh-CN", "scale", "above"), "规模以上");
  EXPECT_EQ(Label("en", "scale", "above"), "Above designated size");
  EXPECT_EQ(Label("en", "scale", "huge"), "huge");
  EXPECT_EQ(CodeForLabel("scale", "规模以上"), "above");
  EXPECT_EQ(CodeForLabel("scale", "Below designated size"), "below");
  EXPECT_EQ(CodeForLabel("scale", "below"), "below");
  EXPECT_EQ(CodeForLabel("scale", "正常经营"), std::nullopt) << "a label of another group";
  EXPECT_EQ(CodeForLabel("hazard_tag", "冶金/涉炉"), "metallurgy");
}

TEST(MessagesTest, TextFallsBackToChineseThenCode) {
  EXPECT_EQ(ErrorText("en", "invalid_credentials"), "Wrong username or password");
  EXPECT_EQ(ErrorText("zh-CN", "invalid_credentials"), "用户名或密码错误");
  EXPECT_EQ(ErrorText("de", "invalid_credentials"), "用户名或密码错误");
  EXPECT_EQ(ErrorText("en", "no_such_code"), "no_such_code");
}

}  // namespace
}  // namespace anjian::messages
