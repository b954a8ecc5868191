#pragma once
// Text compiled into the binary: migrations and the server's message catalogues.
#include <string_view>
#include <vector>

namespace anjian::resources {

struct Resource {
  std::string_view name;
  std::string_view text;
};

const std::vector<Resource>& Migrations();
const std::vector<Resource>& Locales();

}  // namespace anjian::resources
