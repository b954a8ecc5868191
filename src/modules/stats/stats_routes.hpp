#pragma once
#include "http/router.hpp"
#include "modules/stats/stats_service.hpp"

namespace anjian::stats {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::stats
