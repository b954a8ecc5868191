#pragma once
#include "http/router.hpp"
#include "modules/plan/plan_service.hpp"

namespace anjian::plan {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::plan
