#pragma once
#include "http/router.hpp"
#include "modules/watchlist/watchlist_service.hpp"

namespace anjian::watchlist {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::watchlist
