#pragma once
#include "http/router.hpp"
#include "modules/hazard/hazard_service.hpp"

namespace anjian::hazard {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::hazard
