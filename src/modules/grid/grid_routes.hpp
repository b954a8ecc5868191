#pragma once
#include "http/router.hpp"
#include "modules/grid/grid_service.hpp"

namespace anjian::grid {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::grid
