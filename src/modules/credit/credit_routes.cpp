#include "modules/credit/credit_routes.hpp"

#include "http/json_input.hpp"

namespace anjian::credit {

using http::ErrorResponse;
using http::Request;

namespace {

std::optional<std::array<double, 3>> Cutoffs(http::JsonInput& input, const std::string& name) {
  auto values = input.OptionalObject<std::array<double, 3>>(name, [](http::JsonInput& c) {
    return std::array<double, 3>{c.OptionalNumber("A").value_or(-1),
                                 c.OptionalNumber("B").value_or(-1),
                                 c.OptionalNumber("C").value_or(-1)};
  });
  return values;
}

std::optional<std::array<double, 3>> Levels(http::JsonInput& input, const std::string& name) {
  return input.OptionalObject<std::array<double, 3>>(name, [](http::JsonInput& c) {
    return std::array<double, 3>{c.OptionalNumber("1").value_or(-1),
                                 c.OptionalNumber("2").value_or(-1),
                                 c.OptionalNumber("3").value_or(-1)};
  });
}

// The fields an evaluation is prepared with (all optional here; creation checks presence).
void ReadEvaluation(http::JsonInput& input, EvaluationInput& in) {
  in.standardization =
      input.OptionalObject<Standardization>("standardization", [](http::JsonInput& s) {
        Standardization out;
        out.points = s.OptionalNumber("points").value_or(-1);
        out.maximum = s.OptionalNumber("maximum").value_or(0);
        out.not_applicable = s.OptionalNumber("not_applicable").value_or(0);
        return out;
      });
  in.parts = input.OptionalObject<std::map<std::string, double>>("parts", [](http::JsonInput& p) {
    std::map<std::string, double> out;
    for (auto part : kParts) {
      if (auto v = p.OptionalNumber(std::string(part))) out[std::string(part)] = *v;
    }
    return out;
  });
  in.concealed_accident = input.OptionalBool("concealed_accident");
  in.note = input.OptionalString("note");
}

http::Response RatedReply(const Request& request, const Result<Rated>& rated, int status = 200) {
  return http::Reply(
      request, rated, [](const Rated& r) { return ToJson(r); }, status);
}

http::Response ListingReply(const Request& request, const Result<ListingView>& view,
                            int status = 200) {
  return http::Reply(
      request, view,
      [](const ListingView& v) { return ToJson(v.listing, v.today, v.removal_after_months); },
      status);
}

// {"version", and for a return "reason"} of a workflow step.
template <typename Step>
http::Response StepRoute(Request& request, Step step, bool with_reason) {
  auto id = http::PathId(request, "id");
  if (!id) return ErrorResponse(id.error(), request.language);
  auto body = http::ReadVersionedText(request, with_reason ? "reason" : "");
  if (!body) return ErrorResponse(body.error(), request.language);
  return RatedReply(request, step(*id, body->version, body->text));
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/credit/settings", http::Access::kAuthenticated, [&service](Request& request) {
    return http::Reply(request, service.GetSettings(*request.principal),
                       [](const Settings& s) { return ToJson(s); });
  });

  router.Patch(
      "/api/v1/credit/settings", http::Access::kAuthenticated, [&service](Request& request) {
        auto input = http::JsonInput::Parse(request.body);
        if (!input) return ErrorResponse(input.error(), request.language);
        SettingsInput in;
        in.version = input->RequiredInteger("version");
        auto weights =
            input
                ->OptionalObject<std::pair<std::optional<int64_t>, std::map<std::string, int64_t>>>(
                    "weights", [](http::JsonInput& w) {
                      std::map<std::string, int64_t> parts;
                      for (auto part : kParts) {
                        parts[std::string(part)] =
                            w.OptionalInteger(std::string(part)).value_or(-1);
                      }
                      return std::pair{w.OptionalInteger("standardization"), parts};
                    });
        if (weights) {
          in.standardization_weight = weights->first.value_or(-1);
          in.part_weights = weights->second;
        }
        in.class_cutoffs = Cutoffs(*input, "class_cutoffs");
        in.level_cutoffs = Levels(*input, "level_cutoffs");
        in.blacklist_years = input->OptionalInteger("blacklist_years");
        in.removal_after_months = input->OptionalInteger("removal_after_months");
        if (auto s = input->Finish(); !s) {
          return ErrorResponse(s.error(), request.language);
        }
        return http::Reply(request, service.UpdateSettings(*request.principal, in),
                           [](const Settings& s) { return ToJson(s); });
      });

  router.Get("/api/v1/credit/rules", http::Access::kAuthenticated, [&service](Request& request) {
    return http::Reply(request, service.Rules(*request.principal),
                       [](const std::vector<Rule>& rules) {
                         nlohmann::json items = nlohmann::json::array();
                         for (const auto& r : rules) items.push_back(ToJson(r));
                         return nlohmann::json{{"items", std::move(items)}};
                       });
  });

  router.Patch(
      "/api/v1/credit/rules/{code}", http::Access::kAuthenticated, [&service](Request& request) {
        auto input = http::JsonInput::Parse(request.body);
        if (!input) return ErrorResponse(input.error(), request.language);
        RuleInput in;
        in.version = input->RequiredInteger("version");
        in.enabled = input->OptionalBool("enabled");
        in.max_class = input->OptionalString("max_class");
        in.threshold = input->OptionalInteger("threshold");
        if (auto s = input->Finish(); !s) {
          return ErrorResponse(s.error(), request.language);
        }
        return http::Reply(
            request, service.UpdateRule(*request.principal, request.path_params.at("code"), in),
            [](const Rule& r) { return ToJson(r); });
      });

  router.Get("/api/v1/credit/evaluations", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto page = http::ParsePage(request);
               if (!page) return ErrorResponse(page.error(), request.language);
               auto enterprise_id = http::QueryInteger(request, "enterprise_id");
               if (!enterprise_id) return ErrorResponse(enterprise_id.error(), request.language);
               auto year = http::QueryInteger(request, "year");
               if (!year) return ErrorResponse(year.error(), request.language);
               store::EvaluationFilter filter;
               filter.enterprise_id = *enterprise_id;
               if (*year) filter.year = static_cast<int>(**year);
               filter.status = request.Query("status");
               filter.final_class = request.Query("class");
               filter.region_code = request.Query("region_code");
               filter.current_only = request.Query("current") == "true";
               return http::Reply(request, service.List(*request.principal, filter, *page),
                                  [&](const EvaluationListing& listing) {
                                    return http::ListBody(
                                        listing.items, listing.total, *page,
                                        [](const store::Evaluation& v) { return ToJson(v); });
                                  });
             });

  router.Post("/api/v1/credit/evaluations", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto input = http::JsonInput::Parse(request.body);
                if (!input) return ErrorResponse(input.error(), request.language);
                EvaluationInput in;
                in.enterprise_id = input->RequiredInteger("enterprise_id");
                in.year = static_cast<int>(input->RequiredInteger("year"));
                ReadEvaluation(*input, in);
                if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
                return RatedReply(request, service.Create(*request.principal, in), 201);
              });

  router.Get("/api/v1/credit/evaluations/{id}", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto id = http::PathId(request, "id");
               if (!id) return ErrorResponse(id.error(), request.language);
               return RatedReply(request, service.Get(*request.principal, *id));
             });

  router.Patch("/api/v1/credit/evaluations/{id}", http::Access::kAuthenticated,
               [&service](Request& request) {
                 auto id = http::PathId(request, "id");
                 if (!id) return ErrorResponse(id.error(), request.language);
                 auto input = http::JsonInput::Parse(request.body);
                 if (!input) return ErrorResponse(input.error(), request.language);
                 EvaluationInput in;
                 in.version = input->RequiredInteger("version");
                 ReadEvaluation(*input, in);
                 if (auto s = input->Finish(); !s) {
                   return ErrorResponse(s.error(), request.language);
                 }
                 return RatedReply(request, service.Update(*request.principal, *id, in));
               });

  router.Post("/api/v1/credit/evaluations/{id}/submit", http::Access::kAuthenticated,
              [&service](Request& request) {
                return StepRoute(
                    request,
                    [&](int64_t id, int64_t version, const std::string&) {
                      return service.Submit(*request.principal, id, version);
                    },
                    false);
              });
  router.Post("/api/v1/credit/evaluations/{id}/approve", http::Access::kAuthenticated,
              [&service](Request& request) {
                return StepRoute(
                    request,
                    [&](int64_t id, int64_t version, const std::string&) {
                      return service.Approve(*request.principal, id, version);
                    },
                    false);
              });
  router.Post("/api/v1/credit/evaluations/{id}/return", http::Access::kAuthenticated,
              [&service](Request& request) {
                return StepRoute(
                    request,
                    [&](int64_t id, int64_t version, const std::string& reason) {
                      return service.Return(*request.principal, id, version, reason);
                    },
                    true);
              });

  router.Get(
      "/api/v1/credit/distribution", http::Access::kAuthenticated, [&service](Request& request) {
        auto year = http::QueryInteger(request, "year");
        if (!year) return ErrorResponse(year.error(), request.language);
        std::optional<int> y;
        if (*year) y = static_cast<int>(**year);
        return http::Reply(
            request, service.Distribution(*request.principal, y, request.Query("region_code")),
            [](const DistributionReport& r) { return ToJson(r); });
      });

  router.Get(
      "/api/v1/credit/blacklist", http::Access::kAuthenticated, [&service](Request& request) {
        auto page = http::ParsePage(request);
        if (!page) return ErrorResponse(page.error(), request.language);
        auto enterprise_id = http::QueryInteger(request, "enterprise_id");
        if (!enterprise_id) return ErrorResponse(enterprise_id.error(), request.language);
        store::ListingFilter filter;
        filter.enterprise_id = *enterprise_id;
        filter.status = request.Query("status");
        filter.region_code = request.Query("region_code");
        return http::Reply(request, service.Listings(*request.principal, filter, *page),
                           [&](const ListingPage& listing) {
                             return http::ListBody(
                                 listing.items, listing.total, *page, [&](const store::Listing& b) {
                                   return ToJson(b, listing.today, listing.removal_after_months);
                                 });
                           });
      });

  router.Post("/api/v1/credit/blacklist", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto input = http::JsonInput::Parse(request.body);
                if (!input) return ErrorResponse(input.error(), request.language);
                ListingInput in;
                in.enterprise_id = input->RequiredInteger("enterprise_id");
                in.listing.reason = input->RequiredString("reason");
                in.listing.authority = input->RequiredString("authority");
                in.listing.notified_on = input->RequiredString("notified_on");
                in.listing.starts_on = input->RequiredString("starts_on");
                in.listing.ends_on = input->OptionalString("ends_on").value_or("");
                if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
                return ListingReply(request, service.AddListing(*request.principal, in), 201);
              });

  router.Get("/api/v1/credit/blacklist/{id}", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto id = http::PathId(request, "id");
               if (!id) return ErrorResponse(id.error(), request.language);
               return ListingReply(request, service.GetListing(*request.principal, *id));
             });

  router.Post("/api/v1/credit/blacklist/{id}/removal", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto id = http::PathId(request, "id");
                if (!id) return ErrorResponse(id.error(), request.language);
                auto body = http::ReadVersionedText(request, "reason");
                if (!body) return ErrorResponse(body.error(), request.language);
                return ListingReply(request, service.RemoveListing(*request.principal, *id,
                                                                   body->version, body->text));
              });

  router.Get("/api/v1/credit/repairs", http::Access::kAuthenticated, [&service](Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return ErrorResponse(page.error(), request.language);
    auto enterprise_id = http::QueryInteger(request, "enterprise_id");
    if (!enterprise_id) return ErrorResponse(enterprise_id.error(), request.language);
    store::RepairFilter filter;
    filter.enterprise_id = *enterprise_id;
    filter.status = request.Query("status");
    return http::Reply(request, service.Repairs(*request.principal, filter, *page),
                       [&](const RepairListing& listing) {
                         return http::ListBody(listing.items, listing.total, *page,
                                               [](const store::Repair& r) { return ToJson(r); });
                       });
  });

  router.Post("/api/v1/credit/repairs", http::Access::kAuthenticated, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    RepairInput in;
    in.kind = input->RequiredString("kind");
    in.evaluation_id = input->OptionalInteger("evaluation_id");
    in.listing_id = input->OptionalInteger("listing_id");
    in.statement = input->RequiredString("statement");
    in.evidence = input->RequiredString("evidence");
    in.file_ids = input->OptionalIntegerList("file_ids").value_or(std::vector<int64_t>{});
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    return http::Reply(
        request, service.ApplyRepair(*request.principal, std::move(in)),
        [](const store::Repair& r) { return ToJson(r); }, 201);
  });

  router.Get("/api/v1/credit/repairs/{id}", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto id = http::PathId(request, "id");
               if (!id) return ErrorResponse(id.error(), request.language);
               return http::Reply(request, service.GetRepair(*request.principal, *id),
                                  [](const store::Repair& r) { return ToJson(r); });
             });

  router.Post("/api/v1/credit/repairs/{id}/decision", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto id = http::PathId(request, "id");
                if (!id) return ErrorResponse(id.error(), request.language);
                auto input = http::JsonInput::Parse(request.body);
                if (!input) return ErrorResponse(input.error(), request.language);
                int64_t version = input->RequiredInteger("version");
                auto approve = input->OptionalBool("approve");
                std::string note = input->OptionalString("note").value_or("");
                if (auto s = input->Finish(); !s) {
                  return ErrorResponse(s.error(), request.language);
                }
                if (!approve) {
                  return ErrorResponse(Error::Invalid("required", "approve"), request.language);
                }
                return http::Reply(
                    request, service.DecideRepair(*request.principal, *id, version, *approve, note),
                    [](const store::Repair& r) { return ToJson(r); });
              });

  router.Get("/api/v1/credit/measures", http::Access::kAuthenticated, [&service](Request& request) {
    return http::Reply(request, service.Measures(*request.principal),
                       [](const std::vector<store::Measure>& measures) {
                         nlohmann::json items = nlohmann::json::array();
                         for (const auto& m : measures) items.push_back(ToJson(m));
                         return nlohmann::json{{"items", std::move(items)}};
                       });
  });

  router.Patch("/api/v1/credit/measures/{id}", http::Access::kAuthenticated,
               [&service](Request& request) {
                 auto id = http::PathId(request, "id");
                 if (!id) return ErrorResponse(id.error(), request.language);
                 auto input = http::JsonInput::Parse(request.body);
                 if (!input) return ErrorResponse(input.error(), request.language);
                 MeasureInput in;
                 in.version = input->RequiredInteger("version");
                 in.text = input->OptionalString("text");
                 in.enabled = input->OptionalBool("enabled");
                 if (auto s = input->Finish(); !s) {
                   return ErrorResponse(s.error(), request.language);
                 }
                 return http::Reply(request, service.UpdateMeasure(*request.principal, *id, in),
                                    [](const store::Measure& m) { return ToJson(m); });
               });

  router.Get("/api/v1/credit/measures/export.xlsx", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto year = http::QueryInteger(request, "year");
               if (!year) return ErrorResponse(year.error(), request.language);
               std::optional<int> y;
               if (*year) y = static_cast<int>(**year);
               auto file = service.ExportMeasures(*request.principal, y,
                                                  request.Query("region_code"), request.language);
               if (!file) return ErrorResponse(file.error(), request.language);
               return http::Xlsx(std::move(*file), "credit-measures.xlsx");
             });

  router.Get("/api/v1/credit/enterprises/{id}", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto id = http::PathId(request, "id");
               if (!id) return ErrorResponse(id.error(), request.language);
               return http::Reply(request, service.Enterprise(*request.principal, *id),
                                  [](const EnterpriseCredit& c) { return ToJson(c); });
             });

  // Without login: the published lists and the lookup.
  router.Get("/api/v1/public/credit", http::Access::kPublic, [&service](Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return ErrorResponse(page.error(), request.language);
    return http::Reply(request, service.Public(request.Query("list"), *page),
                       [&](const PublicPage& p) {
                         return http::ListBody(p.items, p.total, *page,
                                               [](const store::Published& x) { return ToJson(x); });
                       });
  });

  router.Get("/api/v1/public/credit/lookup", http::Access::kPublic, [&service](Request& request) {
    return http::Reply(request, service.Lookup(request.Query("q")),
                       [](const std::vector<store::Published>& found) {
                         nlohmann::json items = nlohmann::json::array();
                         for (const auto& p : found) items.push_back(ToJson(p));
                         return nlohmann::json{{"items", std::move(items)}};
                       });
  });
}

}  // namespace anjian::credit
