#include "modules/audit/audit.hpp"

#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace anjian::audit {
namespace {

std::vector<Entry> Chain(int n) {
  crypto::Initialize();
  std::vector<Entry> out;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    Entry e;
    e.id = i;
    e.at = "2026-11-23T10:00:0" + std::to_string(i % 10) + "Z";
    e.actor_id = 1;
    e.actor_username = "admin";
    e.action = "create";
    e.entity = "user";
    e.entity_id = std::to_string(i);
    e.after_json = R"({"n":)" + std::to_string(i) + "}";
    e.prev_hash = prev;
    e.hash = ChainHash(e);
    prev = e.hash;
    out.push_back(e);
  }
  return out;
}

std::optional<int64_t> Verify(const std::vector<Entry>& entries) {
  ChainVerifier v;
  for (const auto& e : entries) v.Feed(e);
  return v.broken_id();
}

TEST(AuditChainTest, IntactChainVerifies) { EXPECT_EQ(Verify(Chain(5)), std::nullopt); }

TEST(AuditChainTest, NamesTheFirstBrokenLink) {
  struct Case {
    const char* name;
    std::function<void(std::vector<Entry>&)> tamper;
    std::optional<int64_t> broken;
  };
  const Case cases[] = {
      {"content edited", [](auto& c) { c[2].after_json = R"({"n":99})"; }, 3},
      {"actor edited", [](auto& c) { c[1].actor_username = "mallory"; }, 2},
      {"null turned empty", [](auto& c) { c[0].before_json = ""; }, 1},
      {"entry deleted", [](auto& c) { c.erase(c.begin() + 3); }, 5},
      {"entry rehashed alone",
       [](auto& c) {
         c[2].after_json = "{}";
         c[2].hash = ChainHash(c[2]);
       },
       4},
      {"two edits: first wins",
       [](auto& c) {
         c[4].action = "delete";
         c[1].entity = "region";
       },
       2},
  };
  for (const auto& c : cases) {
    auto chain = Chain(6);
    c.tamper(chain);
    EXPECT_EQ(Verify(chain), c.broken) << c.name;
  }
}

TEST(AuditChainTest, FieldBoundariesAreUnambiguous) {
  auto a = Chain(1)[0];
  auto b = a;
  a.entity = "ab";
  a.entity_id = "c";
  b.entity = "a";
  b.entity_id = "bc";
  EXPECT_NE(ChainHash(a), ChainHash(b));
}

}  // namespace
}  // namespace anjian::audit
