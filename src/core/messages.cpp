#include "core/messages.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "core/resources.hpp"

namespace anjian::messages {
namespace {

using Catalogue =
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>;

// Error texts by language, and labels by language under "group/code" keys.
struct Catalogues {
  Catalogue errors;
  Catalogue labels;
};

const Catalogues& All() {
  static const Catalogues kCatalogues = [] {
    Catalogues out;
    for (const auto& resource : resources::Locales()) {
      auto json = nlohmann::json::parse(resource.text);
      auto& errors = out.errors[std::string(resource.name)];
      for (const auto& [code, text] : json.at("errors").items()) {
        errors[code] = text.get<std::string>();
      }
      auto& labels = out.labels[std::string(resource.name)];
      auto groups = json.value("labels", nlohmann::json::object());
      for (const auto& [group, entries] : groups.items()) {
        for (const auto& [code, text] : entries.items()) {
          std::string key = group;
          key.append("/").append(code);
          labels[key] = text.get<std::string>();
        }
      }
    }
    return out;
  }();
  return kCatalogues;
}

std::string Lookup(const Catalogue& all, std::string_view language, std::string_view key,
                   std::string_view fallback) {
  for (std::string_view lang : {language, std::string_view{"zh-CN"}}) {
    auto catalogue = all.find(lang);
    if (catalogue == all.end()) continue;
    auto text = catalogue->second.find(key);
    if (text != catalogue->second.end()) return text->second;
  }
  return std::string(fallback);
}

}  // namespace

std::string_view LanguageFor(std::string_view accept_language) {
  // The first listed language decides; "en", "en-US" and "en-GB;q=0.9" all mean English.
  auto first = accept_language.substr(0, accept_language.find_first_of(",;"));
  while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
  if (first.size() >= 2 && (first[0] == 'e' || first[0] == 'E') &&
      (first[1] == 'n' || first[1] == 'N')) {
    return "en";
  }
  return "zh-CN";
}

std::string ErrorText(std::string_view language, std::string_view code) {
  return Lookup(All().errors, language, code, code);
}

std::string Label(std::string_view language, std::string_view group, std::string_view code) {
  return Lookup(All().labels, language, std::string(group) + "/" + std::string(code), code);
}

std::optional<std::string> CodeForLabel(std::string_view group, std::string_view text) {
  std::string prefix = std::string(group) + "/";
  for (const auto& [language, labels] : All().labels) {
    for (auto it = labels.lower_bound(prefix); it != labels.end() && it->first.starts_with(prefix);
         ++it) {
      if (it->second == text || it->first.substr(prefix.size()) == text) {
        return it->first.substr(prefix.size());
      }
    }
  }
  return std::nullopt;
}

}  // namespace anjian::messages
