#pragma once
#include "http/router.hpp"
#include "modules/enterprise/enterprise_service.hpp"

namespace anjian::enterprise {
void RegisterRoutes(http::Router& router, Service& service);
}
