#include "core/messages.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "core/resources.hpp"

namespace anjian::messages {
namespace {

using Catalogue =
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>>;

const Catalogue& Catalogues() {
  static const Catalogue kCatalogue = [] {
    Catalogue out;
    for (const auto& resource : resources::Locales()) {
      auto json = nlohmann::json::parse(resource.text);
      auto& errors = out[std::string(resource.name)];
      for (const auto& [code, text] : json.at("errors").items()) {
        errors[code] = text.get<std::string>();
      }
    }
    return out;
  }();
  return kCatalogue;
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
  const auto& all = Catalogues();
  for (std::string_view lang : {language, std::string_view{"zh-CN"}}) {
    auto catalogue = all.find(lang);
    if (catalogue == all.end()) continue;
    auto text = catalogue->second.find(code);
    if (text != catalogue->second.end()) return text->second;
  }
  return std::string(code);
}

}  // namespace anjian::messages
