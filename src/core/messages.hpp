#pragma once
// The server's message catalogues (locales/*.json, compiled in). Chinese is the default.
#include <optional>
#include <string>
#include <string_view>

namespace anjian::messages {

// "en" for an Accept-Language header that prefers English, else "zh-CN".
std::string_view LanguageFor(std::string_view accept_language);
// The text of an error code in a language; falls back to Chinese, then to the code itself.
std::string ErrorText(std::string_view language, std::string_view code);
// The label of a code in a group of the catalogue's "labels" (spreadsheet columns, enumerations),
// falling back like ErrorText.
std::string Label(std::string_view language, std::string_view group, std::string_view code);
// The code whose label in any language, or whose code itself, is `text`: how an imported
// spreadsheet written in Chinese or English is read back.
std::optional<std::string> CodeForLabel(std::string_view group, std::string_view text);

}  // namespace anjian::messages
