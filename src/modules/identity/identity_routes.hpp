#pragma once
#include "http/router.hpp"
#include "modules/identity/identity_service.hpp"

namespace anjian::identity {
void RegisterRoutes(http::Router& router, Service& service);
}
