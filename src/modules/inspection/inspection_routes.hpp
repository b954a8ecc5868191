#pragma once
#include "http/router.hpp"
#include "modules/inspection/inspection_service.hpp"

namespace anjian::inspection {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::inspection
