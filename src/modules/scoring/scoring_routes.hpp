#pragma once
#include "http/router.hpp"
#include "modules/scoring/scoring_service.hpp"

namespace anjian::scoring {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::scoring
