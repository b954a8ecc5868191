#include "modules/watchlist/watchlist_store.hpp"

#include "core/region_code.hpp"

namespace anjian::watchlist::store {
namespace {

constexpr std::string_view kColumns =
    "SELECT id, subject_kind, subject_key, subject_name, enterprise_id, region_code, department, "
    "level, reason, skip_reason, status, unit_region_code, decided_by_name, lifted_at, "
    "lift_reason, created_at, version FROM watchlist_entries ";

Entry Read(const db::Row& row) {
  Entry e;
  size_t i = 0;
  e.id = row.Get<int64_t>(i++);
  e.subject_kind = row.Get<std::string>(i++);
  e.subject_key = row.Get<std::string>(i++);
  e.subject_name = row.Get<std::string>(i++);
  e.enterprise_id = row.GetOptional<int64_t>(i++);
  e.region_code = row.Get<std::string>(i++);
  e.department = row.Get<std::string>(i++);
  e.level = row.Get<std::string>(i++);
  e.reason = row.Get<std::string>(i++);
  e.skip_reason = row.Get<std::string>(i++);
  e.status = row.Get<std::string>(i++);
  e.unit_region_code = row.Get<std::string>(i++);
  e.decided_by_name = row.Get<std::string>(i++);
  e.lifted_at = row.GetOptional<std::string>(i++);
  e.lift_reason = row.Get<std::string>(i++);
  e.created_at = row.Get<std::string>(i++);
  e.version = row.Get<int64_t>(i);
  return e;
}

struct Where {
  std::string sql;
  db::Params params;
  void Add(std::string_view condition, db::Value value) {
    params.push_back(std::move(value));
    std::string placeholder = "$" + std::to_string(params.size());
    std::string text(condition);
    text.replace(text.find("$N"), 2, placeholder);
    sql += text;
  }
};

Where Within(const Reach& reach) {
  Where where{"WHERE region_code BETWEEN $1 AND $2", {reach.low, reach.high}};
  if (reach.enterprise_id != 0) where.Add(" AND enterprise_id = $N", reach.enterprise_id);
  return where;
}

Where Filtered(const Filter& f, const Reach& reach) {
  Where where = Within(reach);
  if (!f.subject_kind.empty()) where.Add(" AND subject_kind = $N", f.subject_kind);
  if (!f.level.empty()) where.Add(" AND level = $N", f.level);
  if (!f.status.empty()) where.Add(" AND status = $N", f.status);
  if (!f.region_code.empty()) {
    auto [low, high] = region_code::Bounds(f.region_code);
    where.Add(" AND region_code >= $N", low);
    where.Add(" AND region_code <= $N", high);
  }
  if (f.enterprise_id) where.Add(" AND enterprise_id = $N", *f.enterprise_id);
  return where;
}

}  // namespace

int64_t InsertEntry(db::Transaction& tx, const Entry& e) {
  return tx
      .QueryOne(
          "INSERT INTO watchlist_entries (subject_kind, subject_key, subject_name, enterprise_id, "
          "region_code, department, level, reason, skip_reason, status, unit_region_code, "
          "decided_by_name, created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, "
          "$8, $9, 'active', $10, $11, $12, $12, 1) RETURNING id",
          {e.subject_kind, e.subject_key, e.subject_name, db::Optional(e.enterprise_id),
           e.region_code, e.department, e.level, e.reason, e.skip_reason, e.unit_region_code,
           e.decided_by_name, e.created_at})
      ->Get<int64_t>(0);
}

bool UpdateEntry(db::Transaction& tx, const Entry& e, int64_t expected_version,
                 const std::string& now) {
  return tx.Execute(
             "UPDATE watchlist_entries SET status = $2, lifted_at = $3, lift_reason = $4, "
             "updated_at = $5, version = version + 1 WHERE id = $1 AND version = $6",
             {e.id, e.status, db::Optional(e.lifted_at), e.lift_reason, now, expected_version}) ==
         1;
}

std::optional<Entry> FindEntry(db::Transaction& tx, int64_t id, const Reach& reach) {
  Where where = Within(reach);
  where.Add(" AND id = $N", id);
  auto row = tx.QueryOne(std::string(kColumns) + where.sql, where.params);
  if (!row) return std::nullopt;
  return Read(*row);
}

std::optional<Entry> ActiveEntry(db::Transaction& tx, const std::string& subject_key) {
  auto row = tx.QueryOne(
      std::string(kColumns) + "WHERE subject_key = $1 AND status = 'active' ORDER BY id DESC",
      {subject_key});
  if (!row) return std::nullopt;
  return Read(*row);
}

std::vector<Entry> Ladder(db::Transaction& tx, const std::string& subject_key) {
  std::vector<Entry> out;
  for (const auto& row :
       tx.Query(std::string(kColumns) + "WHERE subject_key = $1 ORDER BY id", {subject_key})) {
    out.push_back(Read(row));
  }
  return out;
}

std::vector<Entry> List(db::Transaction& tx, const Filter& filter, const Reach& reach,
                        int64_t limit, int64_t offset) {
  Where where = Filtered(filter, reach);
  where.Add(
      " ORDER BY CASE level WHEN 'veto' THEN 0 WHEN 'yellow_card' THEN 1 ELSE 2 END, id "
      "DESC LIMIT $N",
      limit);
  where.Add(" OFFSET $N", offset);
  std::vector<Entry> out;
  for (const auto& row : tx.Query(std::string(kColumns) + where.sql, where.params)) {
    out.push_back(Read(row));
  }
  return out;
}

int64_t Count(db::Transaction& tx, const Filter& filter, const Reach& reach) {
  Where where = Filtered(filter, reach);
  return tx.QueryOne("SELECT COUNT(*) FROM watchlist_entries " + where.sql, where.params)
      ->Get<int64_t>(0);
}

int64_t InsertInterview(db::Transaction& tx, int64_t entry_id, const Interview& i,
                        const std::string& recorded_by_name, const std::string& now) {
  return tx
      .QueryOne(
          "INSERT INTO watchlist_interviews (entry_id, held_on, attendees, minutes, followup, "
          "followup_due_on, recorded_by_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
          "RETURNING id",
          {entry_id, i.held_on, i.attendees, i.minutes, i.followup, db::Optional(i.followup_due_on),
           recorded_by_name, now})
      ->Get<int64_t>(0);
}

std::vector<InterviewRow> Interviews(db::Transaction& tx, const std::string& subject_key) {
  std::vector<InterviewRow> out;
  for (const auto& row : tx.Query(
           "SELECT i.id, i.entry_id, i.held_on, i.attendees, i.minutes, i.followup, "
           "i.followup_due_on, i.recorded_by_name, i.created_at FROM watchlist_interviews i JOIN "
           "watchlist_entries w ON w.id = i.entry_id WHERE w.subject_key = $1 ORDER BY "
           "i.held_on, i.id",
           {subject_key})) {
    InterviewRow r;
    r.id = row.Get<int64_t>(0);
    r.entry_id = row.Get<int64_t>(1);
    r.interview = {row.Get<std::string>(2), row.Get<std::string>(3), row.Get<std::string>(4),
                   row.Get<std::string>(5), row.GetOptional<std::string>(6)};
    r.recorded_by_name = row.Get<std::string>(7);
    r.created_at = row.Get<std::string>(8);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace anjian::watchlist::store
