#pragma once
#include "http/router.hpp"
#include "modules/checklist/checklist_service.hpp"

namespace anjian::checklist {

void RegisterRoutes(http::Router& router, Service& service);

}  // namespace anjian::checklist
