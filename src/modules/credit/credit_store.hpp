#pragma once
// The SQL of integrity and credit: settings, rules, evaluations, the blacklist, and the public
// list.
#include "core/access.hpp"
#include "db/database.hpp"
#include "modules/credit/credit.hpp"

namespace anjian::credit::store {

using Bounds = Scope::EnterpriseBounds;

Settings LoadSettings(db::Transaction& tx);
bool SaveSettings(db::Transaction& tx, const Settings& settings, int64_t expected_version,
                  const std::string& now);
std::vector<Rule> LoadRules(db::Transaction& tx);
bool SaveRule(db::Transaction& tx, const Rule& rule, int64_t expected_version,
              const std::string& now);

struct Evaluation {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  std::string uscc;
  std::string region_code;
  int year = 0;
  int64_t revision = 1;
  std::string status;  // draft, submitted, returned, approved
  Standardization standardization;
  std::map<std::string, double> parts;
  bool concealed_accident = false;
  std::string note;
  // The result, fixed on approval.
  std::optional<double> standardization_score;
  std::optional<std::string> standardization_level;
  std::optional<double> credit_score;
  std::optional<std::string> score_class;
  std::optional<std::string> final_class;
  std::optional<std::string> decided_by;
  std::vector<std::string> applied;
  std::string facts = "{}";  // JSON: what the rules were judged on
  std::optional<int64_t> prepared_by_user_id;
  std::string prepared_by_name;
  std::optional<std::string> submitted_at;
  std::optional<std::string> approved_at;
  std::optional<std::string> approved_on;
  std::string approved_by_name;
  std::string return_reason;
  bool current = false;
  std::optional<std::string> repaired_at;
  std::string created_at;
  std::string updated_at;
  int64_t version = 1;
};
int64_t InsertEvaluation(db::Transaction& tx, const Evaluation& evaluation);
bool UpdateEvaluation(db::Transaction& tx, const Evaluation& evaluation, int64_t expected_version);
std::optional<Evaluation> FindEvaluation(db::Transaction& tx, int64_t id, const Bounds& scope);
// The next revision number of the enterprise's year, and whether one is still being prepared.
int64_t NextRevision(db::Transaction& tx, int64_t enterprise_id, int year);
bool HasOpenRevision(db::Transaction& tx, int64_t enterprise_id, int year);
// The approved revision becomes the year's rating; the one before it no longer is.
void MakeCurrent(db::Transaction& tx, int64_t enterprise_id, int year, int64_t id);

struct EvaluationFilter {
  std::optional<int64_t> enterprise_id;
  std::optional<int> year;
  std::string status;
  std::string final_class;
  std::string region_code;
  bool current_only = false;
};
std::vector<Evaluation> ListEvaluations(db::Transaction& tx, const EvaluationFilter& filter,
                                        const Bounds& scope, int64_t limit, int64_t offset);
int64_t CountEvaluations(db::Transaction& tx, const EvaluationFilter& filter, const Bounds& scope);

// The rated enterprises of the year (their current ratings) per class, by region at `depth`
// digits of the code (6: districts, 9: towns), and those listed on `day`.
struct ClassCounts {
  std::string region;  // the code's first `depth` digits
  std::map<std::string, int64_t> classes;
  int64_t blacklisted = 0;
};
// The latest year with a rating (a current evaluation), if any.
std::optional<int> LatestRatedYear(db::Transaction& tx);
std::vector<ClassCounts> Distribution(db::Transaction& tx, int year, const Bounds& scope,
                                      size_t depth, const std::string& day);

// ---- The facts the rules are judged on.
int64_t ListedMajorHazardsOpen(db::Transaction& tx, int64_t enterprise_id);

// ---- The blacklist
struct Listing {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  std::string uscc;
  std::string region_code;
  std::string reason;
  std::string authority;
  std::string notified_on;
  std::string starts_on;
  std::string ends_on;
  std::optional<std::string> removed_on;
  std::string removal_reason;
  std::string decided_by_name;
  std::string unit_region_code;
  std::string created_at;
  int64_t version = 1;
};
int64_t InsertListing(db::Transaction& tx, const Listing& listing);
bool UpdateListing(db::Transaction& tx, const Listing& listing, int64_t expected_version,
                   const std::string& now);
std::optional<Listing> FindListing(db::Transaction& tx, int64_t id, const Bounds& scope);
// The enterprise's entry listed on `day`, if any.
std::optional<Listing> ListedOn(db::Transaction& tx, int64_t enterprise_id, const std::string& day);
struct ListingFilter {
  std::optional<int64_t> enterprise_id;
  std::string status;  // listed, ended, removed, or "" for all
  std::string region_code;
};
std::vector<Listing> ListListings(db::Transaction& tx, const ListingFilter& filter,
                                  const Bounds& scope, const std::string& today, int64_t limit,
                                  int64_t offset);
int64_t CountListings(db::Transaction& tx, const ListingFilter& filter, const Bounds& scope,
                      const std::string& today);

// ---- The public list: only what is published.
struct Published {
  std::string name;
  std::string uscc;
  std::string region_code;
  std::string credit_class;  // A or D, or "" when not published
  std::optional<int> year;
  std::optional<std::string> rated_on;
  std::optional<std::string> listed_from;  // blacklisted: the listing's days and reason
  std::optional<std::string> listed_to;
  std::string listing_reason;
  std::string listing_authority;
};
// Each enterprise by its latest rating: "commended" those rated A; "exposed" those rated D (not
// repaired) and every enterprise listed today.
std::vector<Published> PublicList(db::Transaction& tx, const std::string& list,
                                  const std::string& today, int64_t limit, int64_t offset);
int64_t CountPublicList(db::Transaction& tx, const std::string& list, const std::string& today);
// Operating or not, by exact credit code or a name containing `q`: at most `limit`.
std::vector<Published> Lookup(db::Transaction& tx, const std::string& q, const std::string& today,
                              int64_t limit);

// ---- Credit repair
struct Repair {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_name;
  std::string region_code;
  std::string kind;  // rating, blacklist
  std::optional<int64_t> evaluation_id;
  std::optional<int64_t> listing_id;
  std::string statement;
  std::string evidence;
  std::vector<int64_t> file_ids;
  std::string status;  // applied, approved, rejected
  std::string applied_by_name;
  std::string decision_note;
  std::string decided_by_name;
  std::optional<std::string> decided_at;
  std::string created_at;
  int64_t version = 1;
};
int64_t InsertRepair(db::Transaction& tx, const Repair& repair);
bool UpdateRepair(db::Transaction& tx, const Repair& repair, int64_t expected_version,
                  const std::string& now);
std::optional<Repair> FindRepair(db::Transaction& tx, int64_t id, const Bounds& scope);
// An application not yet decided for the rating or listing.
bool HasOpenRepair(db::Transaction& tx, const std::string& kind, int64_t target_id);
struct RepairFilter {
  std::optional<int64_t> enterprise_id;
  std::string status;
};
std::vector<Repair> ListRepairs(db::Transaction& tx, const RepairFilter& filter,
                                const Bounds& scope, int64_t limit, int64_t offset);
int64_t CountRepairs(db::Transaction& tx, const RepairFilter& filter, const Bounds& scope);
// A D rating's disclosure ends.
void MarkRepaired(db::Transaction& tx, int64_t evaluation_id, const std::string& now);

// ---- Measures
struct Measure {
  int64_t id = 0;
  std::string credit_class;  // A–D or blacklist
  std::string area;
  std::string text;
  bool enabled = true;
  std::string updated_at;
  int64_t version = 1;
};
std::vector<Measure> LoadMeasures(db::Transaction& tx);
bool SaveMeasure(db::Transaction& tx, const Measure& measure, int64_t expected_version,
                 const std::string& now);

// The enterprise's latest rating (its current evaluation of the latest year rated).
std::optional<Evaluation> LatestRating(db::Transaction& tx, int64_t enterprise_id);

}  // namespace anjian::credit::store
