#pragma once
#include "http/router.hpp"
#include "modules/credit/credit_service.hpp"

namespace anjian::credit {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::credit
