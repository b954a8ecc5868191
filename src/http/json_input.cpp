#include "http/json_input.hpp"

namespace anjian::http {

Result<JsonInput> JsonInput::Parse(std::string_view body) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded()) return Error::Malformed("invalid_json");
  if (!json.is_object()) return Error::Malformed("invalid_body");
  return JsonInput(std::move(json));
}

const nlohmann::json* JsonInput::Field(const std::string& name) {
  read_.insert(name);
  auto found = object_.find(name);
  return found == object_.end() ? nullptr : &*found;
}

void JsonInput::Fail(std::string code, const std::string& field) {
  if (!error_) error_ = Error::Invalid(std::move(code), field);
}

std::string JsonInput::RequiredString(const std::string& name) {
  const auto* value = Field(name);
  if (value == nullptr || value->is_null()) {
    Fail("required", name);
    return {};
  }
  if (!value->is_string()) {
    Fail("invalid_type", name);
    return {};
  }
  return value->get<std::string>();
}

std::optional<std::string> JsonInput::OptionalString(const std::string& name) {
  const auto* value = Field(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_string()) {
    Fail("invalid_type", name);
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<std::optional<std::string>> JsonInput::NullableString(const std::string& name) {
  const auto* value = Field(name);
  if (value == nullptr) return std::nullopt;
  if (value->is_null()) return std::optional<std::string>{};
  if (!value->is_string()) {
    Fail("invalid_type", name);
    return std::nullopt;
  }
  return std::optional<std::string>{value->get<std::string>()};
}

std::optional<int64_t> JsonInput::OptionalInteger(const std::string& name) {
  const auto* value = Field(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_number_integer()) {
    Fail("invalid_type", name);
    return std::nullopt;
  }
  return value->get<int64_t>();
}

std::optional<std::optional<int64_t>> JsonInput::NullableInteger(const std::string& name) {
  const auto* value = Field(name);
  if (value == nullptr) return std::nullopt;
  if (value->is_null()) return std::optional<int64_t>{};
  if (!value->is_number_integer()) {
    Fail("invalid_type", name);
    return std::nullopt;
  }
  return std::optional<int64_t>{value->get<int64_t>()};
}

int64_t JsonInput::RequiredInteger(const std::string& name) {
  const auto* value = Field(name);
  if (value == nullptr || value->is_null()) {
    Fail("required", name);
    return 0;
  }
  if (!value->is_number_integer()) {
    Fail("invalid_type", name);
    return 0;
  }
  return value->get<int64_t>();
}

std::optional<bool> JsonInput::OptionalBool(const std::string& name) {
  const auto* value = Field(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_boolean()) {
    Fail("invalid_type", name);
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<double> JsonInput::OptionalNumber(const std::string& name) {
  const auto* value = Field(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  if (!value->is_number()) {
    Fail("invalid_type", name);
    return std::nullopt;
  }
  return value->get<double>();
}

std::optional<std::optional<double>> JsonInput::NullableNumber(const std::string& name) {
  const auto* value = Field(name);
  if (value == nullptr) return std::nullopt;
  if (value->is_null()) return std::optional<double>{};
  if (!value->is_number()) {
    Fail("invalid_type", name);
    return std::nullopt;
  }
  return std::optional<double>{value->get<double>()};
}

std::optional<std::vector<std::string>> JsonInput::OptionalStringList(const std::string& name) {
  const auto* value = Field(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  std::vector<std::string> out;
  if (!value->is_array()) {
    Fail("invalid_type", name);
    return std::nullopt;
  }
  for (const auto& item : *value) {
    if (!item.is_string()) {
      Fail("invalid_type", name);
      return std::nullopt;
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<std::vector<int64_t>> JsonInput::OptionalIntegerList(const std::string& name) {
  const auto* value = Field(name);
  if (value == nullptr || value->is_null()) return std::nullopt;
  std::vector<int64_t> out;
  if (!value->is_array()) {
    Fail("invalid_type", name);
    return std::nullopt;
  }
  for (const auto& item : *value) {
    if (!item.is_number_integer()) {
      Fail("invalid_type", name);
      return std::nullopt;
    }
    out.push_back(item.get<int64_t>());
  }
  return out;
}

Status JsonInput::Finish() {
  if (error_) return *error_;
  for (const auto& [key, value] : object_.items()) {
    if (!read_.contains(key)) return Error::Invalid("unknown_field", key);
  }
  return {};
}

}  // namespace anjian::http
