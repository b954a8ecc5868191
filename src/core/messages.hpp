#pragma once
// The server's message catalogues (locales/*.json, compiled in). Chinese is the default.
#include <string>
#include <string_view>

namespace anjian::messages {

// "en" for an Accept-Language header that prefers English, else "zh-CN".
std::string_view LanguageFor(std::string_view accept_language);
// The text of an error code in a language; falls back to Chinese, then to the code itself.
std::string ErrorText(std::string_view language, std::string_view code);

}  // namespace anjian::messages
