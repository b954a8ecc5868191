#pragma once
// Integrity and credit behind /credit and /public/credit: the annual evaluation's workflow and
// its two results, the rules and settings, the distribution of classes, the blacklist, and the
// public list with its lookup.
#include <nlohmann/json.hpp>

#include "core/access.hpp"
#include "core/clock.hpp"
#include "db/database.hpp"
#include "http/http.hpp"
#include "modules/credit/credit.hpp"
#include "modules/credit/credit_store.hpp"

namespace anjian::credit {

struct SettingsInput {
  int64_t version = 0;
  std::optional<int64_t> standardization_weight;
  std::optional<std::map<std::string, int64_t>> part_weights;
  std::optional<std::array<double, 3>> class_cutoffs;
  std::optional<std::array<double, 3>> level_cutoffs;
  std::optional<int64_t> blacklist_years;
  std::optional<int64_t> removal_after_months;
};

struct RuleInput {
  int64_t version = 0;
  std::optional<bool> enabled;
  std::optional<std::string> max_class;
  std::optional<int64_t> threshold;
};

struct EvaluationInput {
  int64_t enterprise_id = 0;  // on creation
  int year = 0;               // on creation
  int64_t version = 0;        // on a change
  std::optional<Standardization> standardization;
  std::optional<std::map<std::string, double>> parts;
  std::optional<bool> concealed_accident;
  std::optional<std::string> note;
};

// An evaluation with its result: the one fixed on approval, or (provisional) what it would be
// if approved now.
struct Rated {
  store::Evaluation evaluation;
  double standardization_score = 0;
  std::string standardization_level;
  Outcome outcome;
  Facts facts;
  bool provisional = true;
};

struct EvaluationListing {
  std::vector<store::Evaluation> items;
  int64_t total = 0;
};

struct DistributionRow {
  std::string region_code;
  std::string name;
  std::map<std::string, int64_t> classes;
  int64_t rated = 0;
  int64_t blacklisted = 0;
};
struct DistributionReport {
  int year = 0;
  DistributionRow total;
  std::vector<DistributionRow> regions;  // the regions one level below the scope's
};

struct ListingInput {
  int64_t enterprise_id = 0;
  NewListing listing;
};
struct ListingPage {
  std::vector<store::Listing> items;
  int64_t total = 0;
  std::string today;
  int64_t removal_after_months = 0;
};
struct ListingView {
  store::Listing listing;
  std::string today;
  int64_t removal_after_months = 0;
};
struct PublicPage {
  std::vector<store::Published> items;
  int64_t total = 0;
};

struct RepairInput {
  int64_t enterprise_id = 0;  // from the caller's account
  std::string kind;           // rating, blacklist
  std::optional<int64_t> evaluation_id;
  std::optional<int64_t> listing_id;
  std::string statement;
  std::string evidence;
  std::vector<int64_t> file_ids;
};
struct RepairListing {
  std::vector<store::Repair> items;
  int64_t total = 0;
};
struct MeasureInput {
  int64_t version = 0;
  std::optional<std::string> text;
  std::optional<bool> enabled;
};
// What the enterprise's page shows of its credit: its latest rating, its blacklist entries, its
// repair applications, and the measures its class (and a listing) carry.
struct EnterpriseCredit {
  int64_t enterprise_id = 0;
  std::string name;
  std::optional<Rated> rating;
  std::vector<store::Listing> listings;
  std::vector<store::Repair> repairs;
  std::vector<store::Measure> measures;
  std::string today;
  int64_t removal_after_months = 0;
};

class Service {
 public:
  Service(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  Result<Settings> GetSettings(const Principal& principal);
  Result<Settings> UpdateSettings(const Principal& principal, const SettingsInput& input);
  Result<std::vector<Rule>> Rules(const Principal& principal);
  Result<Rule> UpdateRule(const Principal& principal, const std::string& code,
                          const RuleInput& input);

  // A station or bureau prepares the year's evaluation of an enterprise in its scope (a new
  // revision when the year has an approved one; 409 while another is being prepared).
  Result<Rated> Create(const Principal& principal, const EvaluationInput& input);
  Result<Rated> Update(const Principal& principal, int64_t id, const EvaluationInput& input);
  Result<Rated> Submit(const Principal& principal, int64_t id, int64_t version);
  // Approval judges the rules on the facts of the moment and locks the result.
  Result<Rated> Approve(const Principal& principal, int64_t id, int64_t version);
  Result<Rated> Return(const Principal& principal, int64_t id, int64_t version,
                       const std::string& reason);
  Result<Rated> Get(const Principal& principal, int64_t id);
  Result<EvaluationListing> List(const Principal& principal, store::EvaluationFilter filter,
                                 const http::Page& page);
  // The year's ratings by class, in the scope narrowed to `region_code` and by the regions
  // below it (the latest rated year when none is asked).
  Result<DistributionReport> Distribution(const Principal& principal, std::optional<int> year,
                                          const std::string& region_code);

  // A bureau lists an enterprise of its scope; early removal once the months have passed.
  Result<ListingView> AddListing(const Principal& principal, const ListingInput& input);
  Result<ListingView> RemoveListing(const Principal& principal, int64_t id, int64_t version,
                                    const std::string& reason);
  Result<ListingView> GetListing(const Principal& principal, int64_t id);
  Result<ListingPage> Listings(const Principal& principal, const store::ListingFilter& filter,
                               const http::Page& page);

  // An enterprise account applies for credit repair of its D rating or its listing (from the
  // day early removal opens); a bureau approves (the rating's disclosure ends, or the listing is
  // removed) or rejects it with a note.
  Result<store::Repair> ApplyRepair(const Principal& principal, RepairInput input);
  Result<store::Repair> DecideRepair(const Principal& principal, int64_t id, int64_t version,
                                     bool approve, const std::string& note);
  Result<store::Repair> GetRepair(const Principal& principal, int64_t id);
  Result<RepairListing> Repairs(const Principal& principal, const store::RepairFilter& filter,
                                const http::Page& page);

  Result<std::vector<store::Measure>> Measures(const Principal& principal);
  Result<store::Measure> UpdateMeasure(const Principal& principal, int64_t id,
                                       const MeasureInput& input);
  Result<EnterpriseCredit> Enterprise(const Principal& principal, int64_t enterprise_id);
  // The year's ratings in scope with the measures each carries, for the other departments.
  Result<std::string> ExportMeasures(const Principal& principal, std::optional<int> year,
                                     const std::string& region_code, std::string_view language);

  // Without login: "commended" (A) or "exposed" (D and the blacklist); a lookup by name or
  // credit code (at least two characters) showing only what is published.
  Result<PublicPage> Public(const std::string& list, const http::Page& page);
  Result<std::vector<store::Published>> Lookup(const std::string& q);

 private:
  Rated Rate(db::Transaction& tx, const store::Evaluation& evaluation, Instant now);
  Result<Rated> Transition(const Principal& principal, int64_t id, int64_t version,
                           std::string_view action, const std::string& reason);

  db::Database& database_;
  const Clock& clock_;
};

nlohmann::json ToJson(const Settings& settings);
nlohmann::json ToJson(const Rule& rule);
nlohmann::json ToJson(const Rated& rated);
nlohmann::json ToJson(const store::Evaluation& evaluation);
nlohmann::json ToJson(const DistributionReport& report);
// With whether it is listed on `today` and the day early removal may be applied for.
nlohmann::json ToJson(const store::Listing& listing, std::string_view today,
                      int64_t removal_after_months);
nlohmann::json ToJson(const store::Published& published);
nlohmann::json ToJson(const store::Repair& repair);
nlohmann::json ToJson(const store::Measure& measure);
nlohmann::json ToJson(const EnterpriseCredit& credit);

}  // namespace anjian::credit
