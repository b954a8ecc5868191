#pragma once
// The 12-point system behind /scoring, /score-events and /score-followups: events from findings
// and by hand, revocation, the enterprise's score card, rankings, threshold follow-ups, settings,
// and the cycle's rollover.
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/audit/audit.hpp"
#include "modules/checklist/checklist_service.hpp"
#include "modules/plan/plan.hpp"
#include "modules/scoring/scoring.hpp"
#include "modules/scoring/scoring_store.hpp"
#include "modules/stats/stats.hpp"

namespace anjian::scoring {

// A finding on a scored checklist item, when an inspection by a unit finishes.
struct Finding {
  int64_t enterprise_id = 0;
  int64_t inspection_id = 0;
  int64_t hazard_id = 0;
  int64_t checklist_item_id = 0;
  std::string item_text;
  int64_t points = 0;
  std::string recorded_by_name;
};
// Which inspections score: those of a supervising unit (grid patrol, routine, enforcement,
// campaign), not the enterprise's own check nor the help of experts and alliance partners.
bool KindScores(std::string_view inspection_kind);
// In the finishing inspection's transaction: the event (once per hazard), and the follow-ups of
// the thresholds its points cross.
void RecordFinding(db::Transaction& tx, const Finding& finding, const audit::Actor& actor,
                   Instant now);

struct ManualEvent {
  int64_t enterprise_id = 0;
  int64_t points = 0;
  std::string reason;
  std::string occurred_on;  // default today
};

struct EventListing {
  std::vector<Event> items;
  int64_t total = 0;
};

struct ThresholdState {
  Threshold threshold;
  bool crossed = false;
  std::optional<store::Followup> followup;
};
// What an event would do at the end of its cycle, judged on things as they stand now.
struct Preview {
  Event event;
  Decision decision;
};
struct ScoreCard {
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  int cycle = 0;
  std::string first_day;
  std::string last_day;
  int64_t total = 0;
  std::vector<Preview> events;  // active and revoked, newest first
  std::vector<ThresholdState> thresholds;
  std::string today;
};

struct Ranking {
  int cycle = 0;
  std::vector<store::Ranked> items;
  int64_t total = 0;
};

struct FollowupListing {
  std::vector<store::Followup> items;
  int64_t total = 0;
  std::string today;
};

struct CloseInput {
  int64_t version = 0;
  std::optional<std::string> held_on;  // an interview's day
  std::string attendees;
  std::string minutes;
  std::string note;
};

struct SettingsInput {
  int64_t version = 0;
  std::optional<std::string> cycle_start;
  std::optional<std::vector<Threshold>> thresholds;
};

struct RolloverReport {
  int target_cycle = 0;
  bool dry_run = false;
  std::string judged_at;  // the end of the cycle before, as an instant
  struct Item {
    int64_t event_id = 0;
    int64_t enterprise_id = 0;
    std::string enterprise_name;
    int64_t points = 0;
    bool clears = false;
    std::string reason;
    std::optional<int64_t> carried_event_id;
  };
  std::vector<Item> items;  // decided by this run (or, dry, that would be): the first 10,000
  int64_t cleared = 0;
  int64_t carried = 0;
  int64_t already_decided = 0;
};

// The quarter of the scored sectors: per town, how far the stations got, and a spot check.
struct TownQuarter {
  std::string region_code;  // the town's code
  std::string name;
  store::TownQuarter figures;
};
struct QuarterSummary {
  stats::Quarter quarter;
  std::vector<TownQuarter> towns;
  std::vector<store::QuarterPlan> plans;  // generated for the quarter, of the towns listed
  std::vector<store::Checked> spot_checks;
};
struct MissingListing {
  stats::Quarter quarter;
  std::vector<store::Missing> items;
  int64_t total = 0;
};

// What a station's generation of the quarter's plans made.
struct QuarterPlanning {
  stats::Quarter quarter;
  std::string region_code;  // the town
  struct Made {
    std::string slot;
    plan::Plan plan;
  };
  std::vector<Made> plans;
  int64_t raised = 0;            // enterprises on the monthly plans
  int64_t followups_closed = 0;  // their raise-frequency follow-ups, now done
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  Result<store::Settings> Settings(const Principal& principal);
  // The rule sets: each scored checklist's current version with its items and their points (an
  // administrator or bureau edits them as checklists; a new version applies to new findings).
  Result<std::vector<checklist::Detail>> Rules(const Principal& principal);
  Result<store::Settings> UpdateSettings(const Principal& principal, const SettingsInput& input);

  Result<Event> Record(const Principal& principal, const ManualEvent& input);
  Result<Event> Revoke(const Principal& principal, int64_t id, int64_t version,
                       const std::string& reason);
  // An officer records the re-inspection of an event without a hazard: it clears at the rollover.
  Result<Event> Reinspect(const Principal& principal, int64_t id, int64_t version,
                          const std::string& note);
  Result<EventListing> Events(const Principal& principal, const store::EventFilter& filter,
                              const http::Page& page);
  // The cycle defaults to today's.
  Result<ScoreCard> Card(const Principal& principal, int64_t enterprise_id,
                         std::optional<int> cycle);
  Result<Ranking> Rank(const Principal& principal, std::optional<int> cycle,
                       const std::string& region_code, int64_t min_points, const http::Page& page);
  Result<FollowupListing> Followups(const Principal& principal, const store::FollowupFilter& filter,
                                    const http::Page& page);
  Result<store::Followup> Close(const Principal& principal, int64_t id, const CloseInput& input);

  // `quarter` is "YYYYQn" (this quarter when empty); `region_code` narrows the caller's scope.
  Result<QuarterSummary> Quarter(const Principal& principal, const std::string& region_code,
                                 const std::string& quarter);
  // A town station plans its town's quarter (this one or the next; once): every operating
  // enterprise of the scored sectors on a routine plan for the quarter, except those whose points
  // crossed the raise-frequency threshold (in today's cycle or the quarter's), which go on one
  // plan per month instead; their open raise-frequency follow-ups are done. Plan names and notes
  // in `language`.
  Result<QuarterPlanning> PlanQuarter(const Principal& principal, const std::string& region_code,
                                      const std::string& quarter, std::string_view language);
  Result<MissingListing> Missing(const Principal& principal, const std::string& region_code,
                                 const std::string& quarter, const http::Page& page);

  // The lists as XLSX workbooks, with the labels of `language` (at most 100,000 rows: 422
  // export_too_large beyond).
  Result<std::string> ExportRankings(const Principal& principal, std::optional<int> cycle,
                                     const std::string& region_code, int64_t min_points,
                                     std::string_view language);
  Result<std::string> ExportEvents(const Principal& principal, const store::EventFilter& filter,
                                   std::string_view language);
  Result<std::string> ExportFollowups(const Principal& principal,
                                      const store::FollowupFilter& filter,
                                      std::string_view language);
  Result<std::string> ExportMissing(const Principal& principal, const std::string& region_code,
                                    const std::string& quarter, std::string_view language);

  // The rollover into `target` (the cycle that starts on its year's start day), in one
  // transaction; an administrator's, or the system's (the daily job, the CLI).
  Result<RolloverReport> Rollover(const Principal& principal, int target, bool dry_run);
  Result<RolloverReport> RolloverAsSystem(int target, bool dry_run);
  // The daily job: the rollover into today's cycle, for whatever the cycle before still holds.
  RolloverReport RolloverDue();

 private:
  Result<RolloverReport> Roll(const audit::Actor& actor, int target, bool dry_run);

  db::Database& database_;
  const Clock& clock_;
};

nlohmann::json ToJson(const Event& event);
nlohmann::json ToJson(const store::Followup& followup, std::string_view today);
nlohmann::json ToJson(const store::Settings& settings);
nlohmann::json ToJson(const ScoreCard& card);
nlohmann::json ToJson(const RolloverReport& report);
nlohmann::json ToJson(const store::Ranked& ranked);
nlohmann::json ToJson(const QuarterSummary& summary);
nlohmann::json ToJson(const store::Missing& missing);
nlohmann::json ToJson(const QuarterPlanning& planning);

}  // namespace anjian::scoring
