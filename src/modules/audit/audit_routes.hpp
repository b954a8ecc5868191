#pragma once
#include "http/router.hpp"
#include "modules/audit/audit_service.hpp"

namespace anjian::audit {
void RegisterRoutes(http::Router& router, Service& service);
}
