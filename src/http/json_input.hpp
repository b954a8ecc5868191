#pragma once
// Reads a JSON request body field by field. The first problem is kept (missing field, wrong type,
// unknown field) and Finish() returns it, so a handler reads every field and checks once.
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace anjian::http {

class JsonInput {
 public:
  // invalid_json when the body does not parse, invalid_body when it is not an object.
  static Result<JsonInput> Parse(std::string_view body);

  std::string RequiredString(const std::string& name);
  std::optional<std::string> OptionalString(const std::string& name);
  // Absent → nullopt; present as null → an empty inner optional.
  std::optional<std::optional<std::string>> NullableString(const std::string& name);
  std::optional<int64_t> OptionalInteger(const std::string& name);
  std::optional<std::optional<int64_t>> NullableInteger(const std::string& name);
  int64_t RequiredInteger(const std::string& name);
  std::optional<bool> OptionalBool(const std::string& name);
  std::optional<double> OptionalNumber(const std::string& name);
  std::optional<std::optional<double>> NullableNumber(const std::string& name);
  std::optional<std::vector<std::string>> OptionalStringList(const std::string& name);
  std::optional<std::vector<int64_t>> OptionalIntegerList(const std::string& name);
  // A list of objects, each read by `read(JsonInput&) -> T` from its own input; a problem inside
  // an element is reported with the field "name[i].field" (counting from 0).
  template <typename T, typename Read>
  std::optional<std::vector<T>> OptionalObjectList(const std::string& name, Read read) {
    const auto* value = Field(name);
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (!value->is_array()) {
      Fail("invalid_type", name);
      return std::nullopt;
    }
    std::vector<T> out;
    for (size_t i = 0; i < value->size(); ++i) {
      std::string element = name + "[" + std::to_string(i) + "]";
      if (!(*value)[i].is_object()) {
        Fail("invalid_type", element);
        return std::nullopt;
      }
      JsonInput inner((*value)[i]);
      T item = read(inner);
      if (auto s = inner.Finish(); !s) {
        Fail(s.error().code, element + "." + s.error().field);
        return std::nullopt;
      }
      out.push_back(std::move(item));
    }
    return out;
  }

  // An object read by `read(JsonInput&) -> T`; a problem inside it is reported with the field
  // "name.field".
  template <typename T, typename Read>
  std::optional<T> OptionalObject(const std::string& name, Read read) {
    const auto* value = Field(name);
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (!value->is_object()) {
      Fail("invalid_type", name);
      return std::nullopt;
    }
    JsonInput inner(*value);
    T item = read(inner);
    if (auto s = inner.Finish(); !s) {
      Fail(s.error().code, name + "." + s.error().field);
      return std::nullopt;
    }
    return item;
  }

  // The first problem met, including any field that was never read (unknown_field).
  Status Finish();

 private:
  explicit JsonInput(nlohmann::json object) : object_(std::move(object)) {}
  const nlohmann::json* Field(const std::string& name);
  void Fail(std::string code, const std::string& field);

  nlohmann::json object_;
  std::set<std::string> read_;
  std::optional<Error> error_;
};

}  // namespace anjian::http
