#include "modules/scoring/scoring_routes.hpp"

#include "http/json_input.hpp"

namespace anjian::scoring {

using http::ErrorResponse;
using http::Request;

namespace {

// ?cycle=YEAR, or nothing for today's cycle.
Result<std::optional<int>> CycleQuery(const Request& request) {
  auto cycle = http::QueryInteger(request, "cycle");
  if (!cycle) return cycle.error();
  if (!*cycle) return std::optional<int>{};
  return std::optional<int>{static_cast<int>(**cycle)};
}

Result<store::EventFilter> ReadEventFilter(const Request& request) {
  auto enterprise_id = http::QueryInteger(request, "enterprise_id");
  if (!enterprise_id) return enterprise_id.error();
  auto cycle = CycleQuery(request);
  if (!cycle) return cycle.error();
  store::EventFilter filter;
  filter.enterprise_id = *enterprise_id;
  filter.cycle = *cycle;
  filter.state = request.Query("state");
  filter.region_code = request.Query("region_code");
  return filter;
}

Result<store::FollowupFilter> ReadFollowupFilter(const Request& request) {
  auto enterprise_id = http::QueryInteger(request, "enterprise_id");
  if (!enterprise_id) return enterprise_id.error();
  auto cycle = CycleQuery(request);
  if (!cycle) return cycle.error();
  store::FollowupFilter filter;
  filter.enterprise_id = *enterprise_id;
  filter.cycle = *cycle;
  filter.status = request.Query("status");
  filter.action = request.Query("action");
  filter.region_code = request.Query("region_code");
  filter.unit_region_code = request.Query("unit_region_code");
  return filter;
}

// The answer to an export: the workbook, or the error.
http::Response Workbook(const Request& request, Result<std::string> file, const char* name) {
  if (!file) return ErrorResponse(file.error(), request.language);
  return http::Xlsx(std::move(*file), name);
}

}  // namespace

void RegisterRoutes(http::Router& router, Service& service) {
  router.Get("/api/v1/scoring/settings", http::Access::kAuthenticated,
             [&service](Request& request) {
               return http::Reply(request, service.Settings(*request.principal),
                                  [](const store::Settings& s) { return ToJson(s); });
             });

  router.Get("/api/v1/scoring/rules", http::Access::kAuthenticated, [&service](Request& request) {
    return http::Reply(request, service.Rules(*request.principal),
                       [](const std::vector<checklist::Detail>& rules) {
                         nlohmann::json items = nlohmann::json::array();
                         for (const auto& rule : rules) items.push_back(checklist::ToJson(rule));
                         return nlohmann::json{{"items", std::move(items)}};
                       });
  });

  router.Patch(
      "/api/v1/scoring/settings", http::Access::kAuthenticated, [&service](Request& request) {
        auto input = http::JsonInput::Parse(request.body);
        if (!input) return ErrorResponse(input.error(), request.language);
        SettingsInput in;
        in.version = input->RequiredInteger("version");
        in.cycle_start = input->OptionalString("cycle_start");
        in.thresholds = input->OptionalObjectList<Threshold>("thresholds", [](http::JsonInput& t) {
          Threshold threshold;
          threshold.points = t.RequiredInteger("points");
          threshold.action = t.RequiredString("action");
          threshold.unit = t.RequiredString("unit");
          threshold.due_days = t.RequiredInteger("due_days");
          return threshold;
        });
        if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
        return http::Reply(request, service.UpdateSettings(*request.principal, in),
                           [](const store::Settings& s) { return ToJson(s); });
      });

  router.Get("/api/v1/scoring/events", http::Access::kAuthenticated, [&service](Request& request) {
    auto page = http::ParsePage(request);
    if (!page) return ErrorResponse(page.error(), request.language);
    auto filter = ReadEventFilter(request);
    if (!filter) return ErrorResponse(filter.error(), request.language);
    return http::Reply(request, service.Events(*request.principal, *filter, *page),
                       [&](const EventListing& listing) {
                         return http::ListBody(listing.items, listing.total, *page,
                                               [](const Event& e) { return ToJson(e); });
                       });
  });

  router.Post("/api/v1/scoring/events", http::Access::kAuthenticated, [&service](Request& request) {
    auto input = http::JsonInput::Parse(request.body);
    if (!input) return ErrorResponse(input.error(), request.language);
    ManualEvent in;
    in.enterprise_id = input->RequiredInteger("enterprise_id");
    in.points = input->RequiredInteger("points");
    in.reason = input->RequiredString("reason");
    in.occurred_on = input->OptionalString("occurred_on").value_or("");
    if (auto s = input->Finish(); !s) return ErrorResponse(s.error(), request.language);
    return http::Reply(
        request, service.Record(*request.principal, in), [](const Event& e) { return ToJson(e); },
        201);
  });

  router.Post("/api/v1/scoring/events/{id}/revoke", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto id = http::PathId(request, "id");
                if (!id) return ErrorResponse(id.error(), request.language);
                auto body = http::ReadVersionedText(request, "reason");
                if (!body) return ErrorResponse(body.error(), request.language);
                return http::Reply(
                    request, service.Revoke(*request.principal, *id, body->version, body->text),
                    [](const Event& e) { return ToJson(e); });
              });

  router.Post("/api/v1/scoring/events/{id}/reinspection", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto id = http::PathId(request, "id");
                if (!id) return ErrorResponse(id.error(), request.language);
                auto body = http::ReadVersionedText(request, "note");
                if (!body) return ErrorResponse(body.error(), request.language);
                return http::Reply(
                    request, service.Reinspect(*request.principal, *id, body->version, body->text),
                    [](const Event& e) { return ToJson(e); });
              });

  router.Get("/api/v1/scoring/enterprises/{id}", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto id = http::PathId(request, "id");
               if (!id) return ErrorResponse(id.error(), request.language);
               auto cycle = CycleQuery(request);
               if (!cycle) return ErrorResponse(cycle.error(), request.language);
               return http::Reply(request, service.Card(*request.principal, *id, *cycle),
                                  [](const ScoreCard& c) { return ToJson(c); });
             });

  router.Get(
      "/api/v1/scoring/rankings", http::Access::kAuthenticated, [&service](Request& request) {
        auto page = http::ParsePage(request);
        if (!page) return ErrorResponse(page.error(), request.language);
        auto cycle = CycleQuery(request);
        if (!cycle) return ErrorResponse(cycle.error(), request.language);
        auto min_points = http::QueryInteger(request, "min_points");
        if (!min_points) return ErrorResponse(min_points.error(), request.language);
        return http::Reply(request,
                           service.Rank(*request.principal, *cycle, request.Query("region_code"),
                                        min_points->value_or(1), *page),
                           [&](const Ranking& ranking) {
                             auto body =
                                 http::ListBody(ranking.items, ranking.total, *page,
                                                [](const store::Ranked& r) { return ToJson(r); });
                             body["cycle"] = ranking.cycle;
                             return body;
                           });
      });

  router.Get("/api/v1/scoring/followups", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto page = http::ParsePage(request);
               if (!page) return ErrorResponse(page.error(), request.language);
               auto filter = ReadFollowupFilter(request);
               if (!filter) return ErrorResponse(filter.error(), request.language);
               return http::Reply(request, service.Followups(*request.principal, *filter, *page),
                                  [&](const FollowupListing& listing) {
                                    return http::ListBody(listing.items, listing.total, *page,
                                                          [&](const store::Followup& f) {
                                                            return ToJson(f, listing.today);
                                                          });
                                  });
             });

  router.Post("/api/v1/scoring/followups/{id}/close", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto id = http::PathId(request, "id");
                if (!id) return ErrorResponse(id.error(), request.language);
                auto input = http::JsonInput::Parse(request.body);
                if (!input) return ErrorResponse(input.error(), request.language);
                CloseInput in;
                in.version = input->RequiredInteger("version");
                in.held_on = input->OptionalString("held_on");
                in.attendees = input->OptionalString("attendees").value_or("");
                in.minutes = input->OptionalString("minutes").value_or("");
                in.note = input->OptionalString("note").value_or("");
                if (auto s = input->Finish(); !s) {
                  return ErrorResponse(s.error(), request.language);
                }
                return http::Reply(request, service.Close(*request.principal, *id, in),
                                   [](const store::Followup& f) { return ToJson(f, ""); });
              });

  router.Get("/api/v1/scoring/quarter", http::Access::kAuthenticated, [&service](Request& request) {
    return http::Reply(
        request,
        service.Quarter(*request.principal, request.Query("region_code"), request.Query("quarter")),
        [](const QuarterSummary& s) { return ToJson(s); });
  });

  // A town station generates its quarter's plans for the scored sectors.
  router.Post("/api/v1/scoring/quarter/plans", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto input = http::JsonInput::Parse(request.body);
                if (!input) return ErrorResponse(input.error(), request.language);
                std::string region_code = input->RequiredString("region_code");
                std::string quarter = input->OptionalString("quarter").value_or("");
                if (auto s = input->Finish(); !s) {
                  return ErrorResponse(s.error(), request.language);
                }
                return http::Reply(
                    request,
                    service.PlanQuarter(*request.principal, region_code, quarter, request.language),
                    [](const QuarterPlanning& p) { return ToJson(p); }, 201);
              });

  router.Get("/api/v1/scoring/quarter/missing", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto page = http::ParsePage(request);
               if (!page) return ErrorResponse(page.error(), request.language);
               return http::Reply(request,
                                  service.Missing(*request.principal, request.Query("region_code"),
                                                  request.Query("quarter"), *page),
                                  [&](const MissingListing& listing) {
                                    auto body = http::ListBody(
                                        listing.items, listing.total, *page,
                                        [](const store::Missing& m) { return ToJson(m); });
                                    body["quarter"] = listing.quarter.label;
                                    return body;
                                  });
             });

  router.Get("/api/v1/scoring/events/export.xlsx", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto filter = ReadEventFilter(request);
               if (!filter) return ErrorResponse(filter.error(), request.language);
               return Workbook(request,
                               service.ExportEvents(*request.principal, *filter, request.language),
                               "score-events.xlsx");
             });

  router.Get("/api/v1/scoring/followups/export.xlsx", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto filter = ReadFollowupFilter(request);
               if (!filter) return ErrorResponse(filter.error(), request.language);
               return Workbook(
                   request, service.ExportFollowups(*request.principal, *filter, request.language),
                   "score-followups.xlsx");
             });

  router.Get("/api/v1/scoring/rankings/export.xlsx", http::Access::kAuthenticated,
             [&service](Request& request) {
               auto cycle = CycleQuery(request);
               if (!cycle) return ErrorResponse(cycle.error(), request.language);
               auto min_points = http::QueryInteger(request, "min_points");
               if (!min_points) return ErrorResponse(min_points.error(), request.language);
               return Workbook(
                   request,
                   service.ExportRankings(*request.principal, *cycle, request.Query("region_code"),
                                          min_points->value_or(1), request.language),
                   "score-rankings.xlsx");
             });

  router.Get("/api/v1/scoring/quarter/missing/export.xlsx", http::Access::kAuthenticated,
             [&service](Request& request) {
               return Workbook(
                   request,
                   service.ExportMissing(*request.principal, request.Query("region_code"),
                                         request.Query("quarter"), request.language),
                   "score-quarter-missing.xlsx");
             });

  // The rollover into the cycle that starts in {start_year}, from the cycle before.
  router.Post("/api/v1/scoring/cycles/{start_year}/rollover", http::Access::kAuthenticated,
              [&service](Request& request) {
                auto cycle = http::PathId(request, "start_year");
                if (!cycle) return ErrorResponse(cycle.error(), request.language);
                auto input = http::JsonInput::Parse(request.body.empty() ? "{}" : request.body);
                if (!input) return ErrorResponse(input.error(), request.language);
                bool dry_run = input->OptionalBool("dry_run").value_or(false);
                if (auto s = input->Finish(); !s) {
                  return ErrorResponse(s.error(), request.language);
                }
                return http::Reply(
                    request,
                    service.Rollover(*request.principal, static_cast<int>(*cycle), dry_run),
                    [](const RolloverReport& r) { return ToJson(r); });
              });
}

}  // namespace anjian::scoring
