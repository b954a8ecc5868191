#pragma once
// Small helpers for UTF-8 text and JSON values shared by every module.
#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace anjian {

// Counts UTF-8 code points, so that a Chinese name of 64 characters is 64, not 192.
inline size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// `text` with LIKE's own % _ and \ escaped, to be matched literally (with ESCAPE '\').
inline std::string LikeEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// A LIKE pattern matching `text` anywhere; empty for empty text, which stores read as "no filter".
inline std::string LikeContains(std::string_view text) {
  if (text.empty()) return {};
  return "%" + LikeEscape(text) + "%";
}

// A telephone number as people write one: 5 to 20 characters of digits, spaces, '-' and a
// leading '+', with at least 5 digits (a mobile 13800138000, a landline 0591-87654321).
inline bool IsPlausiblePhone(std::string_view text) {
  if (text.size() < 5 || text.size() > 20) return false;
  int digits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!(c == ' ' || c == '-' || (c == '+' && i == 0))) {
      return false;
    }
  }
  return digits >= 5;
}

// `text` with each "{name}" replaced by its value (a catalogue's text with its placeholders).
inline std::string Fill(
    std::string text, std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  for (const auto& [name, value] : values) {
    const std::string key = fmt::format("{{{}}}", name);
    for (size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size())) {
      text.replace(at, key.size(), value);
    }
  }
  return text;
}

// An optional as a JSON value, null when empty.
template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace anjian
