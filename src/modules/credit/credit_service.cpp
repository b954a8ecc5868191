#include "modules/credit/credit_service.hpp"

#include <fmt/format.h>

#include "core/messages.hpp"
#include "core/region_code.hpp"
#include "core/table_file.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_service.hpp"
#include "modules/enterprise/enterprise_store.hpp"
#include "modules/file/file_service.hpp"
#include "modules/notification/notification_service.hpp"
#include "modules/region/region_store.hpp"
#include "modules/scoring/scoring.hpp"
#include "modules/scoring/scoring_store.hpp"

namespace anjian::credit {
namespace {

constexpr size_t kMaxNote = 1000;
constexpr size_t kMaxReason = 500;

// Stations, bureaus and administrators read every evaluation in scope; grid workers and
// enterprises only approved ones; experts nothing.
bool ReadsDrafts(Role role) {
  return role == Role::kStation || role == Role::kBureau || role == Role::kAdmin;
}
bool ReadsRatings(Role role) {
  return ReadsDrafts(role) || role == Role::kGrid || role == Role::kEnterprise;
}

Status ValidateNote(const std::optional<std::string>& note) {
  if (note && CodePoints(*note) > kMaxNote) return Error::Invalid("invalid_text_length", "note");
  return {};
}

nlohmann::json FactsJson(const Facts& f) {
  return {{"blacklisted", f.blacklisted},
          {"points", f.points},
          {"points_cycle", f.points_cycle},
          {"listed_major_hazards", f.listed_major_hazards},
          {"concealed_accident", f.concealed_accident}};
}

Facts FactsOf(const nlohmann::json& json) {
  Facts f;
  f.blacklisted = json.value("blacklisted", false);
  f.points = json.value("points", int64_t{0});
  f.points_cycle = json.value("points_cycle", 0);
  f.listed_major_hazards = json.value("listed_major_hazards", int64_t{0});
  f.concealed_accident = json.value("concealed_accident", false);
  return f;
}

// The facts of the enterprise now: listed today, its points in today's cycle, its listed major
// hazards not verified, and the concealed accident the evaluation records.
Facts FactsNow(db::Transaction& tx, const store::Evaluation& v, Instant now) {
  Facts f;
  std::string today = ChinaDate(now);
  f.blacklisted = store::ListedOn(tx, v.enterprise_id, today).has_value();
  f.points_cycle = scoring::CycleOf(today, scoring::store::LoadSettings(tx).cycle_start);
  f.points = scoring::store::Total(tx, v.enterprise_id, f.points_cycle);
  f.listed_major_hazards = store::ListedMajorHazardsOpen(tx, v.enterprise_id);
  f.concealed_accident = v.concealed_accident;
  return f;
}

// The significant digits of the rows one level below `root` (a code, or "" for everything).
size_t DepthBelow(const std::string& root) {
  static constexpr size_t kDistrict = 6;
  static constexpr size_t kVillage = 12;
  if (root.empty()) return kDistrict;
  size_t prefix = region_code::Prefix(root).size();
  static constexpr std::array<std::pair<size_t, size_t>, 4> kNext = {
      {{2, 4}, {4, 6}, {6, 9}, {9, 12}}};
  for (const auto& [at, next] : kNext) {
    if (prefix == at) return next;
  }
  return kVillage;
}

// The year asked for, or else the latest with a rating (this year when there is none).
int YearOrLatest(db::Transaction& tx, std::optional<int> year, const std::string& today) {
  if (year) return *year;
  return store::LatestRatedYear(tx).value_or(std::stoi(today.substr(0, 4)));
}

std::string Padded(const std::string& prefix) {
  static constexpr size_t kDigits = 12;
  return prefix + std::string(kDigits - std::min(prefix.size(), kDigits), '0');
}

// The bell: an application reaches the bureau of the enterprise's district (and so the city's),
// which decides it; the decision reaches the enterprise.
void NotifyRepair(db::Transaction& tx, const store::Repair& r, const std::string& at) {
  notification::Notification n;
  n.enterprise_id = r.enterprise_id;
  if (r.status == "applied") {
    n.kind = "credit_repair_applied";
    n.region_code = region_code::AncestorAt(r.region_code, region_code::Level::kCounty);
    n.audience_role = notification::UnitRole(*n.region_code);
  } else {
    n.kind = "credit_repair_decided";
    n.audience_role = "enterprise";
  }
  n.params = nlohmann::json{{"enterprise_name", r.enterprise_name},
                            {"repair_kind", r.kind},
                            {"repair_id", r.id},
                            {"status", r.status},
                            {"note", r.decision_note}}
                 .dump();
  n.dedupe_key = fmt::format("{}:{}", n.kind, r.id);
  n.created_at = at;
  notification::Add(tx, n);
}

}  // namespace

Rated Service::Rate(db::Transaction& tx, const store::Evaluation& v, Instant now) {
  Rated r;
  r.evaluation = v;
  if (v.status == "approved" && v.final_class) {
    r.provisional = false;
    r.standardization_score = v.standardization_score.value_or(0);
    r.standardization_level = v.standardization_level.value_or("");
    r.outcome.credit_score = v.credit_score.value_or(0);
    r.outcome.score_class = v.score_class.value_or("");
    r.outcome.final_class = *v.final_class;
    r.outcome.decided_by = v.decided_by.value_or("score");
    r.outcome.applied = v.applied;
    r.facts = FactsOf(nlohmann::json::parse(v.facts));
    return r;
  }
  auto settings = store::LoadSettings(tx);
  auto score = StandardizationScore(v.standardization);
  r.standardization_score = score ? *score : 0;
  r.standardization_level = LevelOf(r.standardization_score, settings.level_cutoffs);
  r.facts = FactsNow(tx, v, now);
  r.outcome = Classify(CreditScore(r.standardization_score, v.parts, settings), settings,
                       store::LoadRules(tx), r.facts);
  return r;
}

Result<Settings> Service::GetSettings(const Principal& principal) {
  if (!ReadsRatings(principal.role)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  return store::LoadSettings(tx);
}

Result<Settings> Service::UpdateSettings(const Principal& principal, const SettingsInput& input) {
  if (principal.role != Role::kAdmin) return Error::Forbidden();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto before = store::LoadSettings(tx);
  auto next = before;
  if (input.standardization_weight) next.standardization_weight = *input.standardization_weight;
  if (input.part_weights) next.part_weights = *input.part_weights;
  if (input.class_cutoffs) next.class_cutoffs = *input.class_cutoffs;
  if (input.level_cutoffs) next.level_cutoffs = *input.level_cutoffs;
  if (input.blacklist_years) next.blacklist_years = *input.blacklist_years;
  if (input.removal_after_months) next.removal_after_months = *input.removal_after_months;
  if (auto s = ValidateSettings(next); !s) return s.error();
  if (!store::SaveSettings(tx, next, input.version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  auto after = store::LoadSettings(tx);
  audit::Append(tx, audit::ActorOf(principal), "update", "credit_settings", "1", ToJson(before),
                ToJson(after), now);
  tx.Commit();
  return after;
}

Result<std::vector<Rule>> Service::Rules(const Principal& principal) {
  if (!ReadsRatings(principal.role)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  return store::LoadRules(tx);
}

Result<Rule> Service::UpdateRule(const Principal& principal, const std::string& code,
                                 const RuleInput& input) {
  if (principal.role != Role::kAdmin) return Error::Forbidden();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto rules = store::LoadRules(tx);
  auto at =
      std::find_if(rules.begin(), rules.end(), [&code](const Rule& r) { return r.code == code; });
  if (at == rules.end()) return Error::NotFound();
  Rule next = *at;
  if (input.enabled) next.enabled = *input.enabled;
  if (input.max_class) next.max_class = *input.max_class;
  if (input.threshold) next.threshold = *input.threshold;
  if (auto s = ValidateRule(next); !s) return s.error();
  if (!store::SaveRule(tx, next, input.version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  auto saved = store::LoadRules(tx);
  auto after =
      *std::find_if(saved.begin(), saved.end(), [&code](const Rule& r) { return r.code == code; });
  audit::Append(tx, audit::ActorOf(principal), "update", "credit_rule", code, ToJson(*at),
                ToJson(after), now);
  tx.Commit();
  return after;
}

Result<Rated> Service::Create(const Principal& principal, const EvaluationInput& input) {
  if (auto s = MayAct("draft", "edit", principal.role); !s) return s.error();
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  static constexpr int kFirstYear = 2000;
  if (input.year < kFirstYear || input.year > std::stoi(today.substr(0, 4))) {
    return Error::Invalid("invalid_year", "year");
  }
  if (!input.standardization) return Error::Invalid("required", "standardization");
  if (auto score = StandardizationScore(*input.standardization); !score) return score.error();
  if (!input.parts) return Error::Invalid("required", "parts");
  if (auto s = ValidateParts(*input.parts); !s) return s.error();
  if (auto s = ValidateNote(input.note); !s) return s.error();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto enterprise =
      enterprise::store::Find(tx, input.enterprise_id, Scope::For(principal).ForEnterprises());
  if (!enterprise) return Error::Invalid("enterprise_not_found", "enterprise_id");
  if (store::HasOpenRevision(tx, input.enterprise_id, input.year)) {
    return Error::Conflict("evaluation_open", "year");
  }
  store::Evaluation v;
  v.enterprise_id = input.enterprise_id;
  v.year = input.year;
  v.revision = store::NextRevision(tx, input.enterprise_id, input.year);
  v.status = "draft";
  v.standardization = *input.standardization;
  v.parts = *input.parts;
  v.concealed_accident = input.concealed_accident.value_or(false);
  v.note = input.note.value_or("");
  v.prepared_by_user_id = principal.user_id != 0 ? std::optional(principal.user_id) : std::nullopt;
  v.prepared_by_name = principal.DisplayName();
  v.created_at = FormatInstant(now);
  int64_t id = store::InsertEvaluation(tx, v);
  auto created = store::FindEvaluation(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), "create", "credit_evaluation", std::to_string(id),
                nullptr, ToJson(*created), now);
  auto rated = Rate(tx, *created, now);
  tx.Commit();
  return rated;
}

Result<Rated> Service::Update(const Principal& principal, int64_t id,
                              const EvaluationInput& input) {
  if (!ReadsDrafts(principal.role)) return Error::Forbidden();
  if (input.standardization) {
    if (auto score = StandardizationScore(*input.standardization); !score) return score.error();
  }
  if (input.parts) {
    if (auto s = ValidateParts(*input.parts); !s) return s.error();
  }
  if (auto s = ValidateNote(input.note); !s) return s.error();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::FindEvaluation(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  if (auto s = MayAct(current->status, "edit", principal.role); !s) return s.error();
  auto next = *current;
  if (input.standardization) next.standardization = *input.standardization;
  if (input.parts) next.parts = *input.parts;
  if (input.concealed_accident) next.concealed_accident = *input.concealed_accident;
  if (input.note) next.note = *input.note;
  next.updated_at = FormatInstant(now);
  if (!store::UpdateEvaluation(tx, next, input.version)) {
    return Error::Conflict("stale_version", "version");
  }
  auto after = store::FindEvaluation(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), "update", "credit_evaluation", std::to_string(id),
                ToJson(*current), ToJson(*after), now);
  auto rated = Rate(tx, *after, now);
  tx.Commit();
  return rated;
}

Result<Rated> Service::Transition(const Principal& principal, int64_t id, int64_t version,
                                  std::string_view action, const std::string& reason) {
  if (!ReadsDrafts(principal.role)) return Error::Forbidden();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::FindEvaluation(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  if (auto s = MayAct(current->status, action, principal.role); !s) return s.error();
  auto next = *current;
  next.updated_at = FormatInstant(now);
  if (action == "submit") {
    next.status = "submitted";
    next.submitted_at = FormatInstant(now);
    next.return_reason.clear();
  } else if (action == "return") {
    next.status = "returned";
    next.return_reason = reason;
  } else {
    // Approval: the rules judged on the facts of this moment, and the result locked.
    auto rated = Rate(tx, *current, now);
    next.status = "approved";
    next.standardization_score = rated.standardization_score;
    next.standardization_level = rated.standardization_level;
    next.credit_score = rated.outcome.credit_score;
    next.score_class = rated.outcome.score_class;
    next.final_class = rated.outcome.final_class;
    next.decided_by = rated.outcome.decided_by;
    next.applied = rated.outcome.applied;
    next.facts = FactsJson(rated.facts).dump();
    next.approved_at = FormatInstant(now);
    next.approved_on = ChinaDate(now);
    next.approved_by_name = principal.DisplayName();
  }
  if (!store::UpdateEvaluation(tx, next, version)) {
    return Error::Conflict("stale_version", "version");
  }
  if (action == "approve") store::MakeCurrent(tx, next.enterprise_id, next.year, id);
  auto after = store::FindEvaluation(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), std::string(action), "credit_evaluation",
                std::to_string(id), ToJson(*current), ToJson(*after), now);
  auto rated = Rate(tx, *after, now);
  tx.Commit();
  return rated;
}

Result<Rated> Service::Submit(const Principal& principal, int64_t id, int64_t version) {
  return Transition(principal, id, version, "submit", "");
}

Result<Rated> Service::Approve(const Principal& principal, int64_t id, int64_t version) {
  return Transition(principal, id, version, "approve", "");
}

Result<Rated> Service::Return(const Principal& principal, int64_t id, int64_t version,
                              const std::string& reason) {
  if (CodePoints(reason) == 0) return Error::Invalid("required", "reason");
  if (CodePoints(reason) > kMaxReason) return Error::Invalid("invalid_text_length", "reason");
  return Transition(principal, id, version, "return", reason);
}

Result<Rated> Service::Get(const Principal& principal, int64_t id) {
  if (!ReadsRatings(principal.role)) return Error::Forbidden();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto v = store::FindEvaluation(tx, id, Scope::For(principal).ForEnterprises());
  if (!v || (!ReadsDrafts(principal.role) && v->status != "approved")) return Error::NotFound();
  return Rate(tx, *v, now);
}

Result<EvaluationListing> Service::List(const Principal& principal, store::EvaluationFilter filter,
                                        const http::Page& page) {
  if (!ReadsRatings(principal.role)) return Error::Forbidden();
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  static constexpr std::array<std::string_view, 4> kStatuses = {"draft", "submitted", "returned",
                                                                "approved"};
  if (!filter.status.empty() &&
      std::find(kStatuses.begin(), kStatuses.end(), filter.status) == kStatuses.end()) {
    return Error::Invalid("invalid_evaluation_status", "status");
  }
  if (!filter.final_class.empty() &&
      std::find(kClasses.begin(), kClasses.end(), filter.final_class) == kClasses.end()) {
    return Error::Invalid("invalid_class", "class");
  }
  if (!ReadsDrafts(principal.role)) {
    if (!filter.status.empty() && filter.status != "approved") {
      return EvaluationListing{};
    }
    filter.status = "approved";
  }
  auto bounds = Scope::For(principal).ForEnterprises();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  EvaluationListing out;
  out.total = store::CountEvaluations(tx, filter, bounds);
  out.items = store::ListEvaluations(tx, filter, bounds, page.page_size, page.Offset());
  return out;
}

Result<DistributionReport> Service::Distribution(const Principal& principal,
                                                 std::optional<int> year,
                                                 const std::string& region_code) {
  if (!ReadsDrafts(principal.role)) return Error::Forbidden();
  auto bounds = Scope::For(principal).EnterprisesWithin(region_code);
  if (!bounds) return bounds.error();
  std::string today = ChinaDate(clock_.Now());
  db::Transaction tx(database_, db::TransactionMode::kRead);
  DistributionReport out;
  out.year = YearOrLatest(tx, year, today);
  std::string root = !region_code.empty() ? region_code : principal.region_code.value_or("");
  size_t depth = DepthBelow(root);
  out.total.region_code = root;
  for (auto& counts : store::Distribution(tx, out.year, *bounds, depth, today)) {
    DistributionRow row;
    row.region_code = Padded(counts.region);
    auto region = region::store::Find(tx, row.region_code);
    row.name = region ? region->name : "";
    row.classes = counts.classes;
    row.blacklisted = counts.blacklisted;
    for (const auto& [grade, n] : counts.classes) {
      row.rated += n;
      out.total.classes[grade] += n;
      out.total.rated += n;
    }
    out.total.blacklisted += counts.blacklisted;
    out.regions.push_back(std::move(row));
  }
  return out;
}

Result<ListingView> Service::AddListing(const Principal& principal, const ListingInput& input) {
  if (principal.role != Role::kBureau && principal.role != Role::kAdmin) {
    return Error::Forbidden();
  }
  if (auto s = ValidateListing(input.listing); !s) return s.error();
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto enterprise =
      enterprise::store::Find(tx, input.enterprise_id, Scope::For(principal).ForEnterprises());
  if (!enterprise) return Error::Invalid("enterprise_not_found", "enterprise_id");
  auto settings = store::LoadSettings(tx);
  store::Listing b;
  b.enterprise_id = input.enterprise_id;
  b.reason = input.listing.reason;
  b.authority = input.listing.authority;
  b.notified_on = input.listing.notified_on;
  b.starts_on = input.listing.starts_on;
  b.ends_on = input.listing.ends_on.empty() ? ListingEnds(b.starts_on, settings.blacklist_years)
                                            : input.listing.ends_on;
  if (store::ListedOn(tx, b.enterprise_id, b.starts_on) ||
      store::ListedOn(tx, b.enterprise_id, std::max(today, b.starts_on))) {
    return Error::Conflict("already_listed", "enterprise_id");
  }
  b.decided_by_name = principal.DisplayName();
  b.unit_region_code = principal.region_code.value_or("");
  b.created_at = FormatInstant(now);
  int64_t id = store::InsertListing(tx, b);
  auto created = store::FindListing(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), "create", "credit_listing", std::to_string(id),
                nullptr, ToJson(*created, today, settings.removal_after_months), now);
  tx.Commit();
  return ListingView{*created, today, settings.removal_after_months};
}

Result<ListingView> Service::RemoveListing(const Principal& principal, int64_t id, int64_t version,
                                           const std::string& reason) {
  if (principal.role != Role::kBureau && principal.role != Role::kAdmin) {
    return Error::Forbidden();
  }
  if (CodePoints(reason) == 0) return Error::Invalid("required", "reason");
  if (CodePoints(reason) > kMaxReason) return Error::Invalid("invalid_text_length", "reason");
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::FindListing(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  if (!Listed(current->starts_on, current->ends_on, current->removed_on, today)) {
    return Error::Conflict("listing_not_active", "status");
  }
  auto settings = store::LoadSettings(tx);
  if (today < RemovalOpens(current->starts_on, settings.removal_after_months)) {
    return Error::Invalid("removal_too_early", "removed_on");
  }
  auto next = *current;
  next.removed_on = today;
  next.removal_reason = reason;
  if (!store::UpdateListing(tx, next, version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  auto after = store::FindListing(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), "remove", "credit_listing", std::to_string(id),
                ToJson(*current, today, settings.removal_after_months),
                ToJson(*after, today, settings.removal_after_months), now);
  tx.Commit();
  return ListingView{*after, today, settings.removal_after_months};
}

Result<ListingView> Service::GetListing(const Principal& principal, int64_t id) {
  if (!ReadsRatings(principal.role)) return Error::Forbidden();
  std::string today = ChinaDate(clock_.Now());
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto found = store::FindListing(tx, id, Scope::For(principal).ForEnterprises());
  if (!found) return Error::NotFound();
  return ListingView{*found, today, store::LoadSettings(tx).removal_after_months};
}

Result<ListingPage> Service::Listings(const Principal& principal,
                                      const store::ListingFilter& filter, const http::Page& page) {
  if (!ReadsRatings(principal.role)) return Error::Forbidden();
  if (!filter.region_code.empty() && !region_code::IsWellFormed(filter.region_code)) {
    return Error::Invalid("invalid_region_code", "region_code");
  }
  if (!filter.status.empty() && filter.status != "listed" && filter.status != "ended" &&
      filter.status != "removed") {
    return Error::Invalid("invalid_listing_status", "status");
  }
  ListingPage out;
  out.today = ChinaDate(clock_.Now());
  auto bounds = Scope::For(principal).ForEnterprises();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  out.removal_after_months = store::LoadSettings(tx).removal_after_months;
  out.total = store::CountListings(tx, filter, bounds, out.today);
  out.items = store::ListListings(tx, filter, bounds, out.today, page.page_size, page.Offset());
  return out;
}

Result<PublicPage> Service::Public(const std::string& list, const http::Page& page) {
  if (list != "commended" && list != "exposed") return Error::Invalid("invalid_list", "list");
  std::string today = ChinaDate(clock_.Now());
  db::Transaction tx(database_, db::TransactionMode::kRead);
  PublicPage out;
  out.total = store::CountPublicList(tx, list, today);
  out.items = store::PublicList(tx, list, today, page.page_size, page.Offset());
  return out;
}

Result<std::vector<store::Published>> Service::Lookup(const std::string& q) {
  static constexpr size_t kLeast = 2;
  static constexpr size_t kMost = 100;
  static constexpr int64_t kLimit = 20;
  if (CodePoints(q) < kLeast || CodePoints(q) > kMost) return Error::Invalid("invalid_query", "q");
  std::string today = ChinaDate(clock_.Now());
  db::Transaction tx(database_, db::TransactionMode::kRead);
  return store::Lookup(tx, q, today, kLimit);
}

Result<store::Repair> Service::ApplyRepair(const Principal& principal, RepairInput input) {
  if (principal.role != Role::kEnterprise || !principal.enterprise_id) return Error::Forbidden();
  if (auto s = ValidateRepair(input.kind, input.statement, input.evidence); !s) return s.error();
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  auto scope = Scope::For(principal).ForEnterprises();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  store::Repair r;
  r.enterprise_id = *principal.enterprise_id;
  r.kind = input.kind;
  int64_t target = 0;
  if (input.kind == "rating") {
    if (!input.evaluation_id) return Error::Invalid("required", "evaluation_id");
    auto v = store::FindEvaluation(tx, *input.evaluation_id, scope);
    if (!v || v->status != "approved") return Error::Invalid("rating_not_found", "evaluation_id");
    // Only a published D rating — the enterprise's current one — is repaired.
    if (!v->current || v->final_class != "D" || v->repaired_at) {
      return Error::Invalid("not_repairable", "evaluation_id");
    }
    r.evaluation_id = v->id;
    target = v->id;
  } else {
    if (!input.listing_id) return Error::Invalid("required", "listing_id");
    auto b = store::FindListing(tx, *input.listing_id, scope);
    if (!b) return Error::Invalid("listing_not_found", "listing_id");
    if (!Listed(b->starts_on, b->ends_on, b->removed_on, today)) {
      return Error::Conflict("listing_not_active", "listing_id");
    }
    if (today < RemovalOpens(b->starts_on, store::LoadSettings(tx).removal_after_months)) {
      return Error::Invalid("removal_too_early", "listing_id");
    }
    r.listing_id = b->id;
    target = b->id;
  }
  if (store::HasOpenRepair(tx, r.kind, target)) return Error::Conflict("repair_open", "kind");
  if (auto s = file::CheckAttachable(tx, input.file_ids, r.enterprise_id, "file_ids"); !s) {
    return s.error();
  }
  r.statement = input.statement;
  r.evidence = input.evidence;
  r.file_ids = input.file_ids;
  r.applied_by_name = principal.DisplayName();
  r.created_at = FormatInstant(now);
  int64_t id = store::InsertRepair(tx, r);
  auto created = store::FindRepair(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), "create", "credit_repair", std::to_string(id),
                nullptr, ToJson(*created), now);
  NotifyRepair(tx, *created, FormatInstant(now));
  tx.Commit();
  return *created;
}

Result<store::Repair> Service::DecideRepair(const Principal& principal, int64_t id, int64_t version,
                                            bool approve, const std::string& note) {
  if (principal.role != Role::kBureau && principal.role != Role::kAdmin) {
    return Error::Forbidden();
  }
  if (!approve && CodePoints(note) == 0) return Error::Invalid("required", "note");
  if (CodePoints(note) > kMaxReason) return Error::Invalid("invalid_text_length", "note");
  Instant now = clock_.Now();
  std::string today = ChinaDate(now);
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto current = store::FindRepair(tx, id, Scope::For(principal).ForEnterprises());
  if (!current) return Error::NotFound();
  if (current->status != "applied") return Error::Conflict("repair_decided", "status");
  auto next = *current;
  next.status = approve ? "approved" : "rejected";
  next.decision_note = note;
  next.decided_by_name = principal.DisplayName();
  next.decided_at = FormatInstant(now);
  if (!store::UpdateRepair(tx, next, version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  if (approve && current->evaluation_id) {
    store::MarkRepaired(tx, *current->evaluation_id, FormatInstant(now));
  }
  if (approve && current->listing_id) {
    // The listing leaves the blacklist today, as an early removal on the repair's grounds.
    auto b = store::FindListing(tx, *current->listing_id, Scope::System().ForEnterprises());
    if (!Listed(b->starts_on, b->ends_on, b->removed_on, today)) {
      return Error::Conflict("listing_not_active", "status");
    }
    auto removed = *b;
    removed.removed_on = today;
    removed.removal_reason = note.empty() ? current->statement : note;
    store::UpdateListing(tx, removed, b->version, FormatInstant(now));
  }
  auto after = store::FindRepair(tx, id, Scope::System().ForEnterprises());
  audit::Append(tx, audit::ActorOf(principal), approve ? "approve" : "reject", "credit_repair",
                std::to_string(id), ToJson(*current), ToJson(*after), now);
  NotifyRepair(tx, *after, FormatInstant(now));
  tx.Commit();
  return *after;
}

Result<store::Repair> Service::GetRepair(const Principal& principal, int64_t id) {
  if (!ReadsRatings(principal.role)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto found = store::FindRepair(tx, id, Scope::For(principal).ForEnterprises());
  if (!found) return Error::NotFound();
  return *found;
}

Result<RepairListing> Service::Repairs(const Principal& principal,
                                       const store::RepairFilter& filter, const http::Page& page) {
  if (!ReadsRatings(principal.role)) return Error::Forbidden();
  if (!filter.status.empty() && filter.status != "applied" && filter.status != "approved" &&
      filter.status != "rejected") {
    return Error::Invalid("invalid_repair_status", "status");
  }
  auto bounds = Scope::For(principal).ForEnterprises();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  RepairListing out;
  out.total = store::CountRepairs(tx, filter, bounds);
  out.items = store::ListRepairs(tx, filter, bounds, page.page_size, page.Offset());
  return out;
}

Result<std::vector<store::Measure>> Service::Measures(const Principal& principal) {
  if (!ReadsRatings(principal.role)) return Error::Forbidden();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  return store::LoadMeasures(tx);
}

Result<store::Measure> Service::UpdateMeasure(const Principal& principal, int64_t id,
                                              const MeasureInput& input) {
  if (principal.role != Role::kAdmin) return Error::Forbidden();
  static constexpr size_t kMaxText = 200;
  if (input.text && (CodePoints(*input.text) == 0 || CodePoints(*input.text) > kMaxText)) {
    return Error::Invalid("invalid_text_length", "text");
  }
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kWrite);
  auto all = store::LoadMeasures(tx);
  auto at =
      std::find_if(all.begin(), all.end(), [id](const store::Measure& m) { return m.id == id; });
  if (at == all.end()) return Error::NotFound();
  auto next = *at;
  if (input.text) next.text = *input.text;
  if (input.enabled) next.enabled = *input.enabled;
  if (!store::SaveMeasure(tx, next, input.version, FormatInstant(now))) {
    return Error::Conflict("stale_version", "version");
  }
  auto saved = store::LoadMeasures(tx);
  auto after = *std::find_if(saved.begin(), saved.end(),
                             [id](const store::Measure& m) { return m.id == id; });
  audit::Append(tx, audit::ActorOf(principal), "update", "credit_measure", std::to_string(id),
                ToJson(*at), ToJson(after), now);
  tx.Commit();
  return after;
}

namespace {

// The enabled measures of a class, and of the blacklist when listed.
std::vector<store::Measure> Applicable(const std::vector<store::Measure>& all,
                                       const std::optional<std::string>& credit_class,
                                       bool listed) {
  std::vector<store::Measure> out;
  for (const auto& m : all) {
    if (!m.enabled) continue;
    if ((credit_class && m.credit_class == *credit_class) ||
        (listed && m.credit_class == "blacklist")) {
      out.push_back(m);
    }
  }
  return out;
}

}  // namespace

Result<EnterpriseCredit> Service::Enterprise(const Principal& principal, int64_t enterprise_id) {
  if (!ReadsRatings(principal.role)) return Error::Forbidden();
  Instant now = clock_.Now();
  db::Transaction tx(database_, db::TransactionMode::kRead);
  auto scope = Scope::For(principal).ForEnterprises();
  auto enterprise = enterprise::store::Find(tx, enterprise_id, scope);
  if (!enterprise) return Error::NotFound();
  EnterpriseCredit out;
  out.enterprise_id = enterprise_id;
  out.name = enterprise->name;
  out.today = ChinaDate(now);
  out.removal_after_months = store::LoadSettings(tx).removal_after_months;
  if (auto rating = store::LatestRating(tx, enterprise_id)) out.rating = Rate(tx, *rating, now);
  store::ListingFilter listings;
  listings.enterprise_id = enterprise_id;
  static constexpr int64_t kHistory = 50;
  out.listings = store::ListListings(tx, listings, scope, out.today, kHistory, 0);
  bool listed = std::any_of(out.listings.begin(), out.listings.end(), [&out](const auto& b) {
    return Listed(b.starts_on, b.ends_on, b.removed_on, out.today);
  });
  store::RepairFilter repairs;
  repairs.enterprise_id = enterprise_id;
  out.repairs = store::ListRepairs(tx, repairs, scope, kHistory, 0);
  std::optional<std::string> grade;
  if (out.rating) grade = out.rating->outcome.final_class;
  out.measures = Applicable(store::LoadMeasures(tx), grade, listed);
  return out;
}

Result<std::string> Service::ExportMeasures(const Principal& principal, std::optional<int> year,
                                            const std::string& region_code,
                                            std::string_view language) {
  if (!ReadsDrafts(principal.role)) return Error::Forbidden();
  auto bounds = Scope::For(principal).EnterprisesWithin(region_code);
  if (!bounds) return bounds.error();
  static constexpr int64_t kExportRows = 100'000;
  std::string today = ChinaDate(clock_.Now());
  db::Transaction tx(database_, db::TransactionMode::kRead);
  store::EvaluationFilter filter;
  filter.current_only = true;
  filter.year = YearOrLatest(tx, year, today);
  if (store::CountEvaluations(tx, filter, *bounds) > kExportRows) {
    return Error::Invalid("export_too_large");
  }
  auto measures = store::LoadMeasures(tx);
  std::vector<std::vector<table_file::Cell>> rows;
  for (const auto& v : store::ListEvaluations(tx, filter, *bounds, kExportRows, 0)) {
    bool listed = store::ListedOn(tx, v.enterprise_id, today).has_value();
    std::string text;
    for (const auto& m : Applicable(measures, v.final_class, listed)) {
      if (!text.empty()) text += "；";
      text += m.text;
    }
    rows.push_back({v.enterprise_name, v.uscc, v.region_code, int64_t{v.year},
                    v.final_class.value_or(""),
                    messages::Label(language, "yes_no", listed ? "yes" : "no"), text});
  }
  return table_file::LabelledXlsx(
      language, "credit_measures", "credit_column",
      {"enterprise", "uscc", "region_code", "year", "class", "blacklisted", "measures"},
      std::move(rows));
}

nlohmann::json ToJson(const Settings& s) {
  nlohmann::json weights = {{"standardization", s.standardization_weight}};
  for (const auto& [part, weight] : s.part_weights) weights[part] = weight;
  return {{"weights", std::move(weights)},
          {"class_cutoffs", s.class_cutoffs},
          {"level_cutoffs", s.level_cutoffs},
          {"blacklist_years", s.blacklist_years},
          {"removal_after_months", s.removal_after_months},
          {"updated_at", s.updated_at},
          {"version", s.version}};
}

nlohmann::json ToJson(const Rule& r) {
  return {{"code", r.code},           {"enabled", r.enabled},       {"max_class", r.max_class},
          {"threshold", r.threshold}, {"updated_at", r.updated_at}, {"version", r.version}};
}

nlohmann::json ToJson(const store::Evaluation& v) {
  nlohmann::json parts = nlohmann::json::object();
  for (const auto& [part, score] : v.parts) parts[part] = score;
  return {{"id", v.id},
          {"enterprise_id", v.enterprise_id},
          {"enterprise_name", v.enterprise_name},
          {"uscc", v.uscc},
          {"region_code", v.region_code},
          {"year", v.year},
          {"revision", v.revision},
          {"status", v.status},
          {"standardization",
           {{"points", v.standardization.points},
            {"maximum", v.standardization.maximum},
            {"not_applicable", v.standardization.not_applicable}}},
          {"parts", std::move(parts)},
          {"concealed_accident", v.concealed_accident},
          {"note", v.note},
          {"final_class", OrNull(v.final_class)},
          {"credit_score", OrNull(v.credit_score)},
          {"standardization_level", OrNull(v.standardization_level)},
          {"prepared_by_name", v.prepared_by_name},
          {"submitted_at", OrNull(v.submitted_at)},
          {"approved_at", OrNull(v.approved_at)},
          {"approved_on", OrNull(v.approved_on)},
          {"approved_by_name", v.approved_by_name},
          {"return_reason", v.return_reason},
          {"current", v.current},
          {"repaired_at", OrNull(v.repaired_at)},
          {"created_at", v.created_at},
          {"updated_at", v.updated_at},
          {"version", v.version}};
}

nlohmann::json ToJson(const Rated& r) {
  auto json = ToJson(r.evaluation);
  json["result"] = {{"provisional", r.provisional},
                    {"standardization_score", r.standardization_score},
                    {"standardization_level", r.standardization_level.empty()
                                                  ? nlohmann::json(nullptr)
                                                  : nlohmann::json(r.standardization_level)},
                    {"credit_score", r.outcome.credit_score},
                    {"score_class", r.outcome.score_class},
                    {"final_class", r.outcome.final_class},
                    {"decided_by", r.outcome.decided_by},
                    {"applied", r.outcome.applied},
                    {"facts", FactsJson(r.facts)}};
  return json;
}

nlohmann::json ToJson(const DistributionReport& report) {
  auto row = [](const DistributionRow& r) {
    nlohmann::json classes = nlohmann::json::object();
    for (auto grade : kClasses) {
      auto at = r.classes.find(std::string(grade));
      classes[std::string(grade)] = at == r.classes.end() ? 0 : at->second;
    }
    return nlohmann::json{{"region_code", r.region_code.empty() ? nlohmann::json(nullptr)
                                                                : nlohmann::json(r.region_code)},
                          {"name", r.name},
                          {"classes", std::move(classes)},
                          {"rated", r.rated},
                          {"blacklisted", r.blacklisted}};
  };
  nlohmann::json regions = nlohmann::json::array();
  for (const auto& r : report.regions) regions.push_back(row(r));
  auto total = row(report.total);
  total.erase("name");
  return {{"year", report.year}, {"total", std::move(total)}, {"regions", std::move(regions)}};
}

nlohmann::json ToJson(const store::Listing& b, std::string_view today,
                      int64_t removal_after_months) {
  return {{"id", b.id},
          {"enterprise_id", b.enterprise_id},
          {"enterprise_name", b.enterprise_name},
          {"uscc", b.uscc},
          {"region_code", b.region_code},
          {"reason", b.reason},
          {"authority", b.authority},
          {"notified_on", b.notified_on},
          {"starts_on", b.starts_on},
          {"ends_on", b.ends_on},
          {"listed", Listed(b.starts_on, b.ends_on, b.removed_on, today)},
          {"removal_opens_on", RemovalOpens(b.starts_on, removal_after_months)},
          {"removed_on", OrNull(b.removed_on)},
          {"removal_reason", b.removal_reason},
          {"decided_by_name", b.decided_by_name},
          {"unit_region_code", b.unit_region_code},
          {"created_at", b.created_at},
          {"version", b.version}};
}

nlohmann::json ToJson(const store::Repair& r) {
  return {{"id", r.id},
          {"enterprise_id", r.enterprise_id},
          {"enterprise_name", r.enterprise_name},
          {"region_code", r.region_code},
          {"kind", r.kind},
          {"evaluation_id", OrNull(r.evaluation_id)},
          {"listing_id", OrNull(r.listing_id)},
          {"statement", r.statement},
          {"evidence", r.evidence},
          {"file_ids", r.file_ids},
          {"status", r.status},
          {"applied_by_name", r.applied_by_name},
          {"decision_note", r.decision_note},
          {"decided_by_name", r.decided_by_name},
          {"decided_at", OrNull(r.decided_at)},
          {"created_at", r.created_at},
          {"version", r.version}};
}

nlohmann::json ToJson(const store::Measure& m) {
  return {{"id", m.id},          {"credit_class", m.credit_class}, {"area", m.area},
          {"text", m.text},      {"enabled", m.enabled},           {"updated_at", m.updated_at},
          {"version", m.version}};
}

nlohmann::json ToJson(const EnterpriseCredit& c) {
  nlohmann::json listings = nlohmann::json::array();
  for (const auto& b : c.listings) listings.push_back(ToJson(b, c.today, c.removal_after_months));
  nlohmann::json repairs = nlohmann::json::array();
  for (const auto& r : c.repairs) repairs.push_back(ToJson(r));
  nlohmann::json measures = nlohmann::json::array();
  for (const auto& m : c.measures) measures.push_back(ToJson(m));
  return {{"enterprise_id", c.enterprise_id},
          {"name", c.name},
          {"rating", c.rating ? ToJson(*c.rating) : nlohmann::json(nullptr)},
          {"listings", std::move(listings)},
          {"repairs", std::move(repairs)},
          {"measures", std::move(measures)}};
}

nlohmann::json ToJson(const store::Published& p) {
  nlohmann::json listing = nullptr;
  if (p.listed_from) {
    listing = {{"starts_on", *p.listed_from},
               {"ends_on", OrNull(p.listed_to)},
               {"reason", p.listing_reason},
               {"authority", p.listing_authority}};
  }
  return {{"name", p.name},
          {"uscc", p.uscc},
          {"region_code", p.region_code},
          {"credit_class",
           p.credit_class.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.credit_class)},
          {"year", OrNull(p.year)},
          {"rated_on", OrNull(p.rated_on)},
          {"blacklist", std::move(listing)}};
}

}  // namespace anjian::credit
