#include "modules/credit/credit_store.hpp"

#include <nlohmann/json.hpp>

#include "core/text.hpp"
#include "modules/enterprise/enterprise_store.hpp"

namespace anjian::credit::store {
namespace {

using enterprise::store::AddCondition;
using enterprise::store::Bind;
using enterprise::store::Paged;
using enterprise::store::Where;

constexpr std::string_view kEvaluationColumns =
    "SELECT v.id, v.enterprise_id, e.name, e.uscc, e.region_code, v.year, v.revision, v.status, "
    "v.standardization_points, v.standardization_maximum, v.standardization_not_applicable, "
    "v.parts, v.concealed_accident, v.note, v.standardization_score, v.standardization_level, "
    "v.credit_score, v.score_class, v.final_class, v.decided_by, v.applied, v.facts, "
    "v.prepared_by_user_id, v.prepared_by_name, v.submitted_at, v.approved_at, v.approved_on, "
    "v.approved_by_name, v.return_reason, v.is_current, v.repaired_at, v.created_at, "
    "v.updated_at, v.version FROM credit_evaluations v JOIN enterprises e ON e.id = "
    "v.enterprise_id ";

constexpr std::string_view kListingColumns =
    "SELECT b.id, b.enterprise_id, e.name, e.uscc, e.region_code, b.reason, b.authority, "
    "b.notified_on, b.starts_on, b.ends_on, b.removed_on, b.removal_reason, b.decided_by_name, "
    "b.unit_region_code, b.created_at, b.version FROM credit_blacklist b JOIN enterprises e ON "
    "e.id = b.enterprise_id ";

// Listed on a day: begun, not ended, not removed.
constexpr std::string_view kListedOn =
    "b.starts_on <= $N AND b.ends_on >= $N AND (b.removed_on IS NULL OR b.removed_on > $N)";

Evaluation ReadEvaluation(const db::Row& row) {
  Evaluation v;
  size_t i = 0;
  v.id = row.Get<int64_t>(i++);
  v.enterprise_id = row.Get<int64_t>(i++);
  v.enterprise_name = row.Get<std::string>(i++);
  v.uscc = row.Get<std::string>(i++);
  v.region_code = row.Get<std::string>(i++);
  v.year = static_cast<int>(row.Get<int64_t>(i++));
  v.revision = row.Get<int64_t>(i++);
  v.status = row.Get<std::string>(i++);
  v.standardization.points = row.Get<double>(i++);
  v.standardization.maximum = row.Get<double>(i++);
  v.standardization.not_applicable = row.Get<double>(i++);
  auto parts = nlohmann::json::parse(row.Get<std::string>(i++));
  for (const auto& [part, score] : parts.items()) v.parts[part] = score.get<double>();
  v.concealed_accident = row.Get<int64_t>(i++) != 0;
  v.note = row.Get<std::string>(i++);
  v.standardization_score = row.GetOptional<double>(i++);
  v.standardization_level = row.GetOptional<std::string>(i++);
  v.credit_score = row.GetOptional<double>(i++);
  v.score_class = row.GetOptional<std::string>(i++);
  v.final_class = row.GetOptional<std::string>(i++);
  v.decided_by = row.GetOptional<std::string>(i++);
  if (auto applied = row.GetOptional<std::string>(i++)) {
    v.applied = nlohmann::json::parse(*applied).get<std::vector<std::string>>();
  }
  v.facts = row.GetOptional<std::string>(i++).value_or("{}");
  v.prepared_by_user_id = row.GetOptional<int64_t>(i++);
  v.prepared_by_name = row.Get<std::string>(i++);
  v.submitted_at = row.GetOptional<std::string>(i++);
  v.approved_at = row.GetOptional<std::string>(i++);
  v.approved_on = row.GetOptional<std::string>(i++);
  v.approved_by_name = row.Get<std::string>(i++);
  v.return_reason = row.Get<std::string>(i++);
  v.current = row.Get<int64_t>(i++) != 0;
  v.repaired_at = row.GetOptional<std::string>(i++);
  v.created_at = row.Get<std::string>(i++);
  v.updated_at = row.Get<std::string>(i++);
  v.version = row.Get<int64_t>(i);
  return v;
}

Listing ReadListing(const db::Row& row) {
  Listing b;
  size_t i = 0;
  b.id = row.Get<int64_t>(i++);
  b.enterprise_id = row.Get<int64_t>(i++);
  b.enterprise_name = row.Get<std::string>(i++);
  b.uscc = row.Get<std::string>(i++);
  b.region_code = row.Get<std::string>(i++);
  b.reason = row.Get<std::string>(i++);
  b.authority = row.Get<std::string>(i++);
  b.notified_on = row.Get<std::string>(i++);
  b.starts_on = row.Get<std::string>(i++);
  b.ends_on = row.Get<std::string>(i++);
  b.removed_on = row.GetOptional<std::string>(i++);
  b.removal_reason = row.Get<std::string>(i++);
  b.decided_by_name = row.Get<std::string>(i++);
  b.unit_region_code = row.Get<std::string>(i++);
  b.created_at = row.Get<std::string>(i++);
  b.version = row.Get<int64_t>(i);
  return b;
}

std::string PartsJson(const std::map<std::string, double>& parts) {
  nlohmann::json json = nlohmann::json::object();
  for (const auto& [part, score] : parts) json[part] = score;
  return json.dump();
}

Where EvaluationWhere(const EvaluationFilter& f, const Bounds& scope) {
  Where where = enterprise::store::ScopeWhere(scope.Within(f.region_code), "e");
  if (f.enterprise_id) AddCondition(where, " AND v.enterprise_id = $N", "", *f.enterprise_id);
  if (f.year) AddCondition(where, " AND v.year = $N", "", int64_t{*f.year});
  if (!f.status.empty()) AddCondition(where, " AND v.status = $N", "", f.status);
  if (!f.final_class.empty()) AddCondition(where, " AND v.final_class = $N", "", f.final_class);
  if (f.current_only) AddCondition(where, " AND v.is_current = 1", "", std::nullopt);
  return where;
}

// `condition` with each "$N" the same placeholder of `value`.
std::string Repeat(Where& where, std::string_view condition, const std::string& value) {
  std::string placeholder = Bind(where, value);
  std::string out(condition);
  for (size_t at = out.find("$N"); at != std::string::npos; at = out.find("$N", at)) {
    out.replace(at, 2, placeholder);
  }
  return out;
}

Where ListingWhere(const ListingFilter& f, const Bounds& scope, const std::string& today) {
  Where where = enterprise::store::ScopeWhere(scope.Within(f.region_code), "e");
  if (f.enterprise_id) AddCondition(where, " AND b.enterprise_id = $N", "", *f.enterprise_id);
  if (f.status == "listed") {
    where.sql += " AND " + Repeat(where, kListedOn, today);
  } else if (f.status == "removed") {
    where.sql += " AND b.removed_on IS NOT NULL";
  } else if (f.status == "ended") {
    AddCondition(where, " AND b.removed_on IS NULL AND b.ends_on < $N", "", today);
  }
  return where;
}

// The public rows: each enterprise's latest rating (its current evaluation of the latest year it
// was rated), its class shown when A, or D not repaired; and its listing on the day, if any.
constexpr std::string_view kPublished =
    "SELECT e.name, e.uscc, e.region_code, CASE WHEN v.final_class = 'A' OR (v.final_class = 'D' "
    "AND v.repaired_at IS NULL) THEN v.final_class ELSE '' END, v.year, v.approved_on, "
    "b.starts_on, b.ends_on, COALESCE(b.reason, ''), COALESCE(b.authority, '') FROM enterprises "
    "e LEFT JOIN credit_evaluations v ON v.enterprise_id = e.id AND v.is_current = 1 AND v.year "
    "= (SELECT MAX(w.year) FROM credit_evaluations w WHERE w.enterprise_id = e.id AND "
    "w.is_current = 1) LEFT JOIN credit_blacklist b ON b.enterprise_id = e.id AND b.starts_on <= "
    "$1 AND b.ends_on >= $1 AND (b.removed_on IS NULL OR b.removed_on > $1) ";

Published ReadPublished(const db::Row& row) {
  Published p;
  p.name = row.Get<std::string>(0);
  p.uscc = row.Get<std::string>(1);
  p.region_code = row.Get<std::string>(2);
  p.credit_class = row.GetOptional<std::string>(3).value_or("");
  if (!p.credit_class.empty()) {
    p.year = static_cast<int>(row.Get<int64_t>(4));
    p.rated_on = row.GetOptional<std::string>(5);
  }
  p.listed_from = row.GetOptional<std::string>(6);
  p.listed_to = row.GetOptional<std::string>(7);
  p.listing_reason = row.Get<std::string>(8);
  p.listing_authority = row.Get<std::string>(9);
  return p;
}

// The rows of a list, drawn first from their candidates (current ratings of the class, listings
// of the day) so as not to walk the registry — except a page of the commended, which are many
// enough that walking the registry in order finds twenty sooner.
std::string PublicCondition(const std::string& list, bool counting) {
  if (list == "commended" && !counting) return "WHERE v.final_class = 'A'";
  if (list == "commended") {
    return "WHERE e.id IN (SELECT w.enterprise_id FROM credit_evaluations w WHERE w.is_current = "
           "1 AND w.final_class = 'A') AND v.final_class = 'A'";
  }
  return "WHERE e.id IN (SELECT w.enterprise_id FROM credit_evaluations w WHERE w.is_current = 1 "
         "AND w.final_class = 'D' AND w.repaired_at IS NULL UNION SELECT c.enterprise_id FROM "
         "credit_blacklist c WHERE c.starts_on <= $1 AND c.ends_on >= $1 AND (c.removed_on IS "
         "NULL OR c.removed_on > $1)) AND ((v.final_class = 'D' AND v.repaired_at IS NULL) OR "
         "b.id IS NOT NULL)";
}

}  // namespace

Settings LoadSettings(db::Transaction& tx) {
  auto row = tx.QueryOne(
      "SELECT standardization_weight, part_weights, class_cutoffs, level_cutoffs, "
      "blacklist_years, removal_after_months, updated_at, version FROM credit_settings WHERE id "
      "= 1");
  Settings s;
  s.standardization_weight = row->Get<int64_t>(0);
  auto weights = nlohmann::json::parse(row->Get<std::string>(1));
  for (const auto& [part, weight] : weights.items()) s.part_weights[part] = weight.get<int64_t>();
  s.class_cutoffs = nlohmann::json::parse(row->Get<std::string>(2)).get<std::array<double, 3>>();
  s.level_cutoffs = nlohmann::json::parse(row->Get<std::string>(3)).get<std::array<double, 3>>();
  s.blacklist_years = row->Get<int64_t>(4);
  s.removal_after_months = row->Get<int64_t>(5);
  s.updated_at = row->Get<std::string>(6);
  s.version = row->Get<int64_t>(7);
  return s;
}

bool SaveSettings(db::Transaction& tx, const Settings& s, int64_t expected_version,
                  const std::string& now) {
  nlohmann::json weights = nlohmann::json::object();
  for (const auto& [part, weight] : s.part_weights) weights[part] = weight;
  return tx.Execute(
             "UPDATE credit_settings SET standardization_weight = $1, part_weights = $2, "
             "class_cutoffs = $3, level_cutoffs = $4, blacklist_years = $5, "
             "removal_after_months = $6, updated_at = $7, version = version + 1 WHERE id = 1 AND "
             "version = $8",
             {s.standardization_weight, weights.dump(), nlohmann::json(s.class_cutoffs).dump(),
              nlohmann::json(s.level_cutoffs).dump(), s.blacklist_years, s.removal_after_months,
              now, expected_version}) == 1;
}

std::vector<Rule> LoadRules(db::Transaction& tx) {
  std::vector<Rule> out;
  for (const auto& row :
       tx.Query("SELECT code, enabled, max_class, threshold, updated_at, version FROM "
                "credit_rules ORDER BY sort_order")) {
    out.push_back({row.Get<std::string>(0), row.Get<int64_t>(1) != 0, row.Get<std::string>(2),
                   row.Get<int64_t>(3), row.Get<std::string>(4), row.Get<int64_t>(5)});
  }
  return out;
}

bool SaveRule(db::Transaction& tx, const Rule& rule, int64_t expected_version,
              const std::string& now) {
  return tx.Execute(
             "UPDATE credit_rules SET enabled = $2, max_class = $3, threshold = $4, updated_at = "
             "$5, version = version + 1 WHERE code = $1 AND version = $6",
             {rule.code, int64_t{rule.enabled ? 1 : 0}, rule.max_class, rule.threshold, now,
              expected_version}) == 1;
}

int64_t InsertEvaluation(db::Transaction& tx, const Evaluation& v) {
  return tx
      .QueryOne(
          "INSERT INTO credit_evaluations (enterprise_id, year, revision, status, "
          "standardization_points, standardization_maximum, standardization_not_applicable, "
          "parts, concealed_accident, note, prepared_by_user_id, prepared_by_name, created_at, "
          "updated_at, version) VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11, "
          "$12, $12, 1) RETURNING id",
          {v.enterprise_id, int64_t{v.year}, v.revision, v.standardization.points,
           v.standardization.maximum, v.standardization.not_applicable, PartsJson(v.parts),
           int64_t{v.concealed_accident ? 1 : 0}, v.note, db::Optional(v.prepared_by_user_id),
           v.prepared_by_name, v.created_at})
      ->Get<int64_t>(0);
}

bool UpdateEvaluation(db::Transaction& tx, const Evaluation& v, int64_t expected_version) {
  nlohmann::json applied = v.applied;
  return tx.Execute(
             "UPDATE credit_evaluations SET status = $2, standardization_points = $3, "
             "standardization_maximum = $4, standardization_not_applicable = $5, parts = $6, "
             "concealed_accident = $7, note = $8, standardization_score = $9, "
             "standardization_level = $10, credit_score = $11, score_class = $12, final_class = "
             "$13, decided_by = $14, applied = $15, facts = $16, submitted_at = $17, approved_at "
             "= $18, approved_on = $19, approved_by_name = $20, return_reason = $21, repaired_at "
             "= $22, updated_at = $23, version = version + 1 WHERE id = $1 AND version = $24",
             {v.id,
              v.status,
              v.standardization.points,
              v.standardization.maximum,
              v.standardization.not_applicable,
              PartsJson(v.parts),
              int64_t{v.concealed_accident ? 1 : 0},
              v.note,
              db::Optional(v.standardization_score),
              db::Optional(v.standardization_level),
              db::Optional(v.credit_score),
              db::Optional(v.score_class),
              db::Optional(v.final_class),
              db::Optional(v.decided_by),
              v.status == "approved" ? db::Value(applied.dump()) : db::Value(),
              v.facts,
              db::Optional(v.submitted_at),
              db::Optional(v.approved_at),
              db::Optional(v.approved_on),
              v.approved_by_name,
              v.return_reason,
              db::Optional(v.repaired_at),
              v.updated_at,
              expected_version}) == 1;
}

std::optional<Evaluation> FindEvaluation(db::Transaction& tx, int64_t id, const Bounds& scope) {
  Where where = enterprise::store::ScopeWhere(scope, "e");
  AddCondition(where, " AND v.id = $N", "", id);
  auto row = tx.QueryOne(std::string(kEvaluationColumns) + where.sql, where.params);
  if (!row) return std::nullopt;
  return ReadEvaluation(*row);
}

int64_t NextRevision(db::Transaction& tx, int64_t enterprise_id, int year) {
  return tx.QueryOne(
               "SELECT COALESCE(MAX(revision), 0) FROM credit_evaluations WHERE enterprise_id "
               "= $1 AND year = $2",
               {enterprise_id, int64_t{year}})
             ->Get<int64_t>(0) +
         1;
}

bool HasOpenRevision(db::Transaction& tx, int64_t enterprise_id, int year) {
  return tx
      .QueryOne(
          "SELECT 1 FROM credit_evaluations WHERE enterprise_id = $1 AND year = $2 AND status "
          "<> 'approved'",
          {enterprise_id, int64_t{year}})
      .has_value();
}

void MakeCurrent(db::Transaction& tx, int64_t enterprise_id, int year, int64_t id) {
  tx.Execute(
      "UPDATE credit_evaluations SET is_current = CASE WHEN id = $3 THEN 1 ELSE 0 END WHERE "
      "enterprise_id = $1 AND year = $2 AND (is_current = 1 OR id = $3)",
      {enterprise_id, int64_t{year}, id});
}

std::vector<Evaluation> ListEvaluations(db::Transaction& tx, const EvaluationFilter& filter,
                                        const Bounds& scope, int64_t limit, int64_t offset) {
  Where where = EvaluationWhere(filter, scope);
  std::string sql = std::string(kEvaluationColumns) + where.sql +
                    " ORDER BY v.year DESC, e.region_code, e.id, v.revision DESC" +
                    Paged(where, limit, offset);
  std::vector<Evaluation> out;
  for (const auto& row : tx.Query(sql, where.params)) out.push_back(ReadEvaluation(row));
  return out;
}

int64_t CountEvaluations(db::Transaction& tx, const EvaluationFilter& filter, const Bounds& scope) {
  Where where = EvaluationWhere(filter, scope);
  return tx
      .QueryOne(
          "SELECT COUNT(*) FROM credit_evaluations v JOIN enterprises e ON e.id = "
          "v.enterprise_id " +
              where.sql,
          where.params)
      ->Get<int64_t>(0);
}

std::optional<int> LatestRatedYear(db::Transaction& tx) {
  auto year = tx.QueryOne("SELECT MAX(year) FROM credit_evaluations WHERE is_current = 1")
                  ->GetOptional<int64_t>(0);
  if (!year) return std::nullopt;
  return static_cast<int>(*year);
}

std::vector<ClassCounts> Distribution(db::Transaction& tx, int year, const Bounds& scope,
                                      size_t depth, const std::string& day) {
  std::map<std::string, ClassCounts> rows;
  std::string cut = std::to_string(depth);
  {
    Where where = enterprise::store::ScopeWhere(scope, "e");
    AddCondition(where, " AND v.year = $N AND v.is_current = 1", "", int64_t{year});
    std::string sql = "SELECT SUBSTR(e.region_code, 1, " + cut +
                      "), v.final_class, COUNT(*) FROM credit_evaluations v JOIN enterprises e "
                      "ON e.id = v.enterprise_id " +
                      where.sql + " GROUP BY 1, 2";
    for (const auto& row : tx.Query(sql, where.params)) {
      auto& r = rows[row.Get<std::string>(0)];
      r.region = row.Get<std::string>(0);
      r.classes[row.Get<std::string>(1)] = row.Get<int64_t>(2);
    }
  }
  {
    Where where = enterprise::store::ScopeWhere(scope, "e");
    std::string listed = Repeat(where, kListedOn, day);
    std::string sql = "SELECT SUBSTR(e.region_code, 1, " + cut +
                      "), COUNT(DISTINCT b.enterprise_id) FROM credit_blacklist b JOIN "
                      "enterprises e ON e.id = b.enterprise_id " +
                      where.sql + " AND " + listed + " GROUP BY 1";
    for (const auto& row : tx.Query(sql, where.params)) {
      auto& r = rows[row.Get<std::string>(0)];
      r.region = row.Get<std::string>(0);
      r.blacklisted = row.Get<int64_t>(1);
    }
  }
  std::vector<ClassCounts> out;
  out.reserve(rows.size());
  for (auto& [region, row] : rows) out.push_back(std::move(row));
  return out;
}

int64_t ListedMajorHazardsOpen(db::Transaction& tx, int64_t enterprise_id) {
  return tx
      .QueryOne(
          "SELECT COUNT(*) FROM hazards WHERE enterprise_id = $1 AND level = 'major' AND "
          "listed_at IS NOT NULL AND state NOT IN ('verified', 'cancelled')",
          {enterprise_id})
      ->Get<int64_t>(0);
}

int64_t InsertListing(db::Transaction& tx, const Listing& b) {
  return tx
      .QueryOne(
          "INSERT INTO credit_blacklist (enterprise_id, reason, authority, notified_on, "
          "starts_on, ends_on, decided_by_name, unit_region_code, created_at, updated_at, "
          "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 1) RETURNING id",
          {b.enterprise_id, b.reason, b.authority, b.notified_on, b.starts_on, b.ends_on,
           b.decided_by_name, b.unit_region_code, b.created_at})
      ->Get<int64_t>(0);
}

bool UpdateListing(db::Transaction& tx, const Listing& b, int64_t expected_version,
                   const std::string& now) {
  return tx.Execute(
             "UPDATE credit_blacklist SET removed_on = $2, removal_reason = $3, updated_at = $4, "
             "version = version + 1 WHERE id = $1 AND version = $5",
             {b.id, db::Optional(b.removed_on), b.removal_reason, now, expected_version}) == 1;
}

std::optional<Listing> FindListing(db::Transaction& tx, int64_t id, const Bounds& scope) {
  Where where = enterprise::store::ScopeWhere(scope, "e");
  AddCondition(where, " AND b.id = $N", "", id);
  auto row = tx.QueryOne(std::string(kListingColumns) + where.sql, where.params);
  if (!row) return std::nullopt;
  return ReadListing(*row);
}

std::optional<Listing> ListedOn(db::Transaction& tx, int64_t enterprise_id,
                                const std::string& day) {
  ListingFilter filter;
  filter.enterprise_id = enterprise_id;
  filter.status = "listed";
  auto found = ListListings(tx, filter, Scope::System().ForEnterprises(), day, 1, 0);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Listing> ListListings(db::Transaction& tx, const ListingFilter& filter,
                                  const Bounds& scope, const std::string& today, int64_t limit,
                                  int64_t offset) {
  Where where = ListingWhere(filter, scope, today);
  std::string sql = std::string(kListingColumns) + where.sql + " ORDER BY b.starts_on DESC, b.id" +
                    Paged(where, limit, offset);
  std::vector<Listing> out;
  for (const auto& row : tx.Query(sql, where.params)) out.push_back(ReadListing(row));
  return out;
}

int64_t CountListings(db::Transaction& tx, const ListingFilter& filter, const Bounds& scope,
                      const std::string& today) {
  Where where = ListingWhere(filter, scope, today);
  return tx
      .QueryOne(
          "SELECT COUNT(*) FROM credit_blacklist b JOIN enterprises e ON e.id = "
          "b.enterprise_id " +
              where.sql,
          where.params)
      ->Get<int64_t>(0);
}

std::vector<Published> PublicList(db::Transaction& tx, const std::string& list,
                                  const std::string& today, int64_t limit, int64_t offset) {
  std::vector<Published> out;
  for (const auto& row : tx.Query(std::string(kPublished) + PublicCondition(list, false) +
                                      " ORDER BY e.region_code, e.id LIMIT $2 OFFSET $3",
                                  {today, limit, offset})) {
    out.push_back(ReadPublished(row));
  }
  return out;
}

int64_t CountPublicList(db::Transaction& tx, const std::string& list, const std::string& today) {
  return tx
      .QueryOne(
          "SELECT COUNT(*) FROM (" + std::string(kPublished) + PublicCondition(list, true) + ") p",
          {today})
      ->Get<int64_t>(0);
}

std::vector<Published> Lookup(db::Transaction& tx, const std::string& q, const std::string& today,
                              int64_t limit) {
  std::vector<Published> out;
  for (const auto& row : tx.Query(std::string(kPublished) +
                                      "WHERE e.uscc = $2 OR e.name LIKE $3 ESCAPE '\\' ORDER BY "
                                      "e.name, e.id LIMIT $4",
                                  {today, q, LikeContains(q), limit})) {
    out.push_back(ReadPublished(row));
  }
  return out;
}

namespace {

constexpr std::string_view kRepairColumns =
    "SELECT r.id, r.enterprise_id, e.name, e.region_code, r.kind, r.evaluation_id, r.listing_id, "
    "r.statement, r.evidence, r.file_ids, r.status, r.applied_by_name, r.decision_note, "
    "r.decided_by_name, r.decided_at, r.created_at, r.version FROM credit_repairs r JOIN "
    "enterprises e ON e.id = r.enterprise_id ";

Repair ReadRepair(const db::Row& row) {
  Repair r;
  size_t i = 0;
  r.id = row.Get<int64_t>(i++);
  r.enterprise_id = row.Get<int64_t>(i++);
  r.enterprise_name = row.Get<std::string>(i++);
  r.region_code = row.Get<std::string>(i++);
  r.kind = row.Get<std::string>(i++);
  r.evaluation_id = row.GetOptional<int64_t>(i++);
  r.listing_id = row.GetOptional<int64_t>(i++);
  r.statement = row.Get<std::string>(i++);
  r.evidence = row.Get<std::string>(i++);
  r.file_ids = nlohmann::json::parse(row.Get<std::string>(i++)).get<std::vector<int64_t>>();
  r.status = row.Get<std::string>(i++);
  r.applied_by_name = row.Get<std::string>(i++);
  r.decision_note = row.Get<std::string>(i++);
  r.decided_by_name = row.Get<std::string>(i++);
  r.decided_at = row.GetOptional<std::string>(i++);
  r.created_at = row.Get<std::string>(i++);
  r.version = row.Get<int64_t>(i);
  return r;
}

Where RepairWhere(const RepairFilter& f, const Bounds& scope) {
  Where where = enterprise::store::ScopeWhere(scope, "e");
  if (f.enterprise_id) AddCondition(where, " AND r.enterprise_id = $N", "", *f.enterprise_id);
  if (!f.status.empty()) AddCondition(where, " AND r.status = $N", "", f.status);
  return where;
}

}  // namespace

int64_t InsertRepair(db::Transaction& tx, const Repair& r) {
  return tx
      .QueryOne(
          "INSERT INTO credit_repairs (enterprise_id, kind, evaluation_id, listing_id, statement, "
          "evidence, file_ids, status, applied_by_name, created_at, updated_at, version) VALUES "
          "($1, $2, $3, $4, $5, $6, $7, 'applied', $8, $9, $9, 1) RETURNING id",
          {r.enterprise_id, r.kind, db::Optional(r.evaluation_id), db::Optional(r.listing_id),
           r.statement, r.evidence, nlohmann::json(r.file_ids).dump(), r.applied_by_name,
           r.created_at})
      ->Get<int64_t>(0);
}

bool UpdateRepair(db::Transaction& tx, const Repair& r, int64_t expected_version,
                  const std::string& now) {
  return tx.Execute(
             "UPDATE credit_repairs SET status = $2, decision_note = $3, decided_by_name = $4, "
             "decided_at = $5, updated_at = $6, version = version + 1 WHERE id = $1 AND version = "
             "$7",
             {r.id, r.status, r.decision_note, r.decided_by_name, db::Optional(r.decided_at), now,
              expected_version}) == 1;
}

std::optional<Repair> FindRepair(db::Transaction& tx, int64_t id, const Bounds& scope) {
  Where where = enterprise::store::ScopeWhere(scope, "e");
  AddCondition(where, " AND r.id = $N", "", id);
  auto row = tx.QueryOne(std::string(kRepairColumns) + where.sql, where.params);
  if (!row) return std::nullopt;
  return ReadRepair(*row);
}

bool HasOpenRepair(db::Transaction& tx, const std::string& kind, int64_t target_id) {
  std::string column = kind == "rating" ? "evaluation_id" : "listing_id";
  return tx
      .QueryOne("SELECT 1 FROM credit_repairs WHERE kind = $1 AND " + column +
                    " = $2 AND status = 'applied'",
                {kind, target_id})
      .has_value();
}

std::vector<Repair> ListRepairs(db::Transaction& tx, const RepairFilter& filter,
                                const Bounds& scope, int64_t limit, int64_t offset) {
  Where where = RepairWhere(filter, scope);
  std::string sql = std::string(kRepairColumns) + where.sql +
                    " ORDER BY CASE WHEN r.status = 'applied' THEN 0 ELSE 1 END, r.id DESC" +
                    Paged(where, limit, offset);
  std::vector<Repair> out;
  for (const auto& row : tx.Query(sql, where.params)) out.push_back(ReadRepair(row));
  return out;
}

int64_t CountRepairs(db::Transaction& tx, const RepairFilter& filter, const Bounds& scope) {
  Where where = RepairWhere(filter, scope);
  return tx
      .QueryOne(
          "SELECT COUNT(*) FROM credit_repairs r JOIN enterprises e ON e.id = "
          "r.enterprise_id " +
              where.sql,
          where.params)
      ->Get<int64_t>(0);
}

void MarkRepaired(db::Transaction& tx, int64_t evaluation_id, const std::string& now) {
  tx.Execute(
      "UPDATE credit_evaluations SET repaired_at = $2, updated_at = $2, version = version + 1 "
      "WHERE id = $1",
      {evaluation_id, now});
}

std::vector<Measure> LoadMeasures(db::Transaction& tx) {
  std::vector<Measure> out;
  for (const auto& row :
       tx.Query("SELECT id, credit_class, area, text, enabled, updated_at, version FROM "
                "credit_measures ORDER BY CASE credit_class WHEN 'blacklist' THEN 'Z' ELSE "
                "credit_class END, sort_order, id")) {
    out.push_back({row.Get<int64_t>(0), row.Get<std::string>(1), row.Get<std::string>(2),
                   row.Get<std::string>(3), row.Get<int64_t>(4) != 0, row.Get<std::string>(5),
                   row.Get<int64_t>(6)});
  }
  return out;
}

bool SaveMeasure(db::Transaction& tx, const Measure& m, int64_t expected_version,
                 const std::string& now) {
  return tx.Execute(
             "UPDATE credit_measures SET text = $2, enabled = $3, updated_at = $4, version = "
             "version + 1 WHERE id = $1 AND version = $5",
             {m.id, m.text, int64_t{m.enabled ? 1 : 0}, now, expected_version}) == 1;
}

std::optional<Evaluation> LatestRating(db::Transaction& tx, int64_t enterprise_id) {
  auto row = tx.QueryOne(std::string(kEvaluationColumns) +
                             "WHERE v.enterprise_id = $1 AND v.is_current = 1 ORDER BY v.year "
                             "DESC LIMIT 1",
                         {enterprise_id});
  if (!row) return std::nullopt;
  return ReadEvaluation(*row);
}

}  // namespace anjian::credit::store
