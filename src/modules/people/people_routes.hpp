#pragma once
#include "http/router.hpp"
#include "modules/people/people_service.hpp"

namespace anjian::people {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::people
