#pragma once
#include "http/router.hpp"
#include "modules/file/file_service.hpp"

namespace anjian::file {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::file
