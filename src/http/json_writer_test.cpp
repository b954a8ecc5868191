#include "http/json_writer.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>

namespace anjian::http {
namespace {

// What the writer produces must read back as the value nlohmann would have built.
TEST(JsonWriterTest, ReadsBackAsTheSameValue) {
  JsonWriter w;
  w.BeginObject()
      .Key("name")
      .String("江川\"市\"\\ \n\t\x01 end")
      .Key("n")
      .Int(-9007199254740993)
      .Key("x")
      .Double(118.2324)
      .Key("tiny")
      .Double(1e-300)
      .Key("nan")
      .Double(std::numeric_limits<double>::quiet_NaN())
      .Key("ok")
      .Bool(true)
      .Key("none")
      .Optional(std::optional<std::string>{})
      .Key("some")
      .Optional(std::optional<int64_t>{7})
      .Key("list")
      .BeginArray()
      .Int(1)
      .BeginObject()
      .EndObject()
      .BeginArray()
      .EndArray()
      .String("")
      .EndArray()
      .Key("raw")
      .Raw(R"({"a":[1,2]})")
      .EndObject();
  auto parsed = nlohmann::json::parse(w.text());
  nlohmann::json expected = {{"name", "江川\"市\"\\ \n\t\x01 end"},
                             {"n", -9007199254740993},
                             {"x", 118.2324},
                             {"tiny", 1e-300},
                             {"nan", nullptr},
                             {"ok", true},
                             {"none", nullptr},
                             {"some", 7},
                             {"list", {1, nlohmann::json::object(), nlohmann::json::array(), ""}},
                             {"raw", {{"a", {1, 2}}}}};
  EXPECT_EQ(parsed, expected) << w.text();
}

TEST(JsonWriterTest, TopLevelArraysAndEmptyContainers) {
  JsonWriter w;
  w.BeginArray().EndArray();
  EXPECT_EQ(w.text(), "[]");
  JsonWriter o;
  o.BeginArray()
      .BeginObject()
      .Key("a")
      .Int(1)
      .EndObject()
      .BeginObject()
      .Key("b")
      .Null()
      .EndObject()
      .EndArray();
  EXPECT_EQ(o.text(), R"([{"a":1},{"b":null}])");
}

}  // namespace
}  // namespace anjian::http
