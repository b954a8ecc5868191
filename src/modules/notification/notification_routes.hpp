#pragma once
#include "http/router.hpp"
#include "modules/notification/notification_service.hpp"

namespace anjian::notification {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::notification
