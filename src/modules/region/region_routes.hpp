#pragma once
#include "http/router.hpp"
#include "modules/region/region_service.hpp"

namespace anjian::region {
void RegisterRoutes(http::Router& router, Service& service);
}
