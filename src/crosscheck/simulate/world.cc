#include "crosscheck/simulate/world.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "crosscheck/common/csv_writer.h"
#include "crosscheck/common/output_file.h"
#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/simulate/catalog.h"
#include "crosscheck/simulate/identity.h"
#include "crosscheck/simulate/ip_plan.h"
#include "crosscheck/simulate/near_listed_names.h"
#include "crosscheck/simulate/random.h"
#include "crosscheck/simulate/time_sorted_spill.h"

namespace crosscheck::simulate {
namespace {

// ---------------------------------------------------------------------------------------------
// Shape of the world. Every number here is documented in docs/SIMULATION.md.

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kWorldStart = 1609459200;  // 2021-01-01T00:00:00Z (Okta: 2021 -> mid-2025)
constexpr std::int64_t kWorldEnd = 1751328000;    // 2025-07-01T00:00:00Z
constexpr std::int64_t kSigninEnd = kWorldEnd + 120 * kDay;
constexpr std::int64_t kDefaultCompanies = 5000;
constexpr std::int64_t kDefaultPeople = 30000;
constexpr std::int64_t kDefaultOperations = 7;
constexpr std::int64_t kDefaultPersonas = 130;
constexpr double kFraudApplicationsPerPersona = 50.0;  // Okta: ~6,500 interviews / ~130 identities
constexpr std::uint64_t kDefaultAvatarHash = 0x8000000000000000ULL;  // the blank-silhouette photo

enum Col : std::size_t {
  kApplicationId, kCompanyId, kSubmittedAt, kStage, kFullName, kEmail, kPhone, kPhoneLineType,
  kDateOfBirth, kStreet, kCity, kRegion, kPostalCode, kCountry, kShippingAddress, kIpAddress,
  kLinkedin, kGithub, kResumeText, kPhotoHash, kPayoutAccount, kNationalId, kDeviceId, kIdvStatus,
  kIdvDocumentCountry, kInterviewFlags, kReferredBy, kSource, kColumnCount
};

constexpr std::array<std::string_view, kColumnCount> kHeader = {
    "application_id", "company_id", "submitted_at", "stage", "full_name", "email", "phone",
    "phone_line_type", "date_of_birth", "street", "city", "region", "postal_code", "country",
    "shipping_address", "ip_address", "linkedin", "github", "resume_text", "photo_hash",
    "payout_account", "national_id", "device_id", "idv_status", "idv_document_country",
    "interview_flags", "referred_by", "source"};

using Row = std::array<std::string, kColumnCount>;

// What each company's ATS collects, and how its export writes things.
struct Company {
  std::string id;
  std::string domain;
  std::uint16_t locale = 0;
  std::uint16_t city = 0;
  std::uint8_t sector = 0;
  bool phone_lookup = false;    // a line-type lookup service fills phone_line_type
  bool idv = false;             // an identity-verification vendor runs at screening
  bool interview_tool = false;  // interviewers / an integrity tool record interview_flags
  bool collects_dob = false, collects_address = false, collects_photo = false, collects_ip = false,
       collects_device = false, collects_links = false, collects_ssn = false;
  std::uint8_t time_style = 0;     // 0 UTC "Z", 1 company offset, 2 UTC millis, 3 applicant offset
  std::uint8_t country_style = 0;  // 0 alpha-2, 1 English name, 2 lower-case alpha-2
  bool exports_ip = true;          // the sparse profile's export keeps ip_address
};

struct Agency {
  std::string label;    // "Robert Half Dallas"
  std::string slug;
  Site site;
  bool own_contact = false;  // submits with the agency's inbox and phone instead of the candidate's
  std::string inbox;
  PhoneNumber phone;
  std::string device;
  bool front = false;  // an operation's front, not offered to legitimate people
};

// A resume as built for one person (or one fraud template).
struct Resume {
  std::size_t field = 0;
  std::string role;
  int years = 0;
  std::vector<std::string> skills;
  std::vector<std::string> employers;
  std::vector<std::string> achievements;
  std::string opener;
  std::string closer;
  std::string education;
  std::string boilerplate;  // career-centre paragraph, may be empty
};

struct Address {
  std::string street;
  std::size_t locale = 0;
  std::size_t city = 0;
  std::string postal;
};

// Everything that stays fixed about one applicant (legitimate person or fraudulent persona).
struct Applicant {
  std::string person_id;
  std::string operation_id;  // empty for legitimate people
  PersonName name;
  CivilDate dob;
  std::string ssn;
  std::size_t residence = 0;  // locale
  std::size_t isp = 0;
  Address home;
  std::optional<Address> old_home;  // moved during the search
  std::vector<std::string> emails;
  std::vector<double> email_weights;
  std::vector<PhoneNumber> phones;
  std::string line_type = "mobile";
  std::uint64_t phone_style = 0;
  std::string linkedin;
  std::string github;
  std::optional<std::uint64_t> photo;
  std::vector<std::string> devices;
  Resume resume;
  std::string payout;
  std::string idv_country;
  double variant_rate = 0.1;
  std::int64_t applications = 1;
  std::uint64_t ip_seed = 0;
  // Legitimate-only traits.
  int university = -1;
  int employer = -1;
  int agency = -1;
  int vpn_brand = -1;
  double vpn_share = 0;
  bool allow_native = false;
  // A home line shared by a large household (adversarial profile), given now and then.
  std::optional<PhoneNumber> home_line;
  std::string home_line_type;
  double home_line_use = 0;
  // A parent's mobile an adult child of a large family gives now and then (adversarial).
  std::optional<PhoneNumber> parent_mobile;
  std::string parent_mobile_type;
  double parent_mobile_use = 0;
};

struct Household {
  std::vector<Applicant> members;
};

// Where a household lives, and the naming traditions of its country.
struct HomeBase {
  std::size_t locale = 0;
  Address home;
  std::size_t isp = 0;
  std::vector<double> origin_weights;
};

struct Facilitator {
  Address address;
  std::string line;  // one-line form for shipping_address
  std::size_t city_locale = 0;
  std::size_t isp = 0;
  std::uint64_t ip_host = 0;
  PhoneNumber phone;
};

struct Operation {
  std::string id;
  double care = 0.5;            // 0 sloppy .. 1 careful
  double voip_rate = 0.5;       // share of phone pool that is VoIP
  double vpn_rate = 0.4;        // applications through a VPN exit
  double hosting_rate = 0.1;    // through a hosting provider
  double facilitator_rate = 0.4;  // through a facilitator's residential line
  double direct_rate = 0.02;    // straight from China / Russia
  double flag_rate = 0.2;       // interview flags when an interview is recorded
  double idv_pass = 0.5;
  double front_rate = 0.0;      // submitted through the operation's front "agency"
  double us_hours_share = 0.1;  // sign-ins shifted to US working hours
  double variant_rate = 0.25;
  double victim_address_rate = 0.5;
  int tz_minutes = 540;         // UTC+9 (Pyongyang / Korea) or UTC+8 (China)
  std::vector<Facilitator> facilitators;
  std::vector<std::pair<PhoneNumber, std::string>> phone_pool;  // number, line type
  std::vector<Resume> templates;
  std::vector<std::uint64_t> photos;
  std::vector<std::string> devices;
  std::vector<std::string> payouts;
  std::vector<std::string> github_pool;
  std::vector<std::string> email_domains;
  int email_pattern = 0;
  std::size_t vpn_brand = 0;
  std::string front_agency;
  int front_agency_idx = -1;    // its entry in agencies_ (adversarial profile)
  std::int64_t personas = 0;
  std::map<std::size_t, std::string> hired_logins;  // company -> login of a hired persona
};

// ---------------------------------------------------------------------------------------------
// Small helpers.

std::string Slug(std::string_view text) {
  std::string out;
  bool dash = false;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
      dash = false;
    } else if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c + 32));
      dash = false;
    } else if (!out.empty() && !dash) {
      out.push_back('-');
      dash = true;
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::string Base36(std::uint64_t value, int width) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out(static_cast<std::size_t>(width), '0');
  for (int pos = width - 1; pos >= 0; --pos) {
    out[static_cast<std::size_t>(pos)] = kDigits[value % 36];
    value /= 36;
  }
  return out;
}

// PermuteId scrambles a counter with a bijection on 40 bits, so application ids are unique
// but say nothing about generation order.
std::uint64_t PermuteId(std::uint64_t counter, std::uint64_t seed) {
  constexpr std::uint64_t kMask = (1ULL << 40) - 1;
  std::uint64_t x = (counter ^ (seed & kMask)) & kMask;
  x = (x * 0x9E3779B97F4A7C15ULL) & kMask;
  x ^= x >> 19;
  x = (x * 0xBF58476D1CE4E5B9ULL) & kMask;
  x ^= x >> 17;
  return x;
}

int DstMinutes(int rule, std::int64_t unix_seconds) {
  if (rule == 0) return 0;
  const CivilDate date = CivilFromDays(unix_seconds / kDay);
  const int day_of_year = date.month * 31 + date.day;
  // Approximate North American (Mar 10 - Nov 3) and European (Mar 31 - Oct 27) summer time.
  if (rule == 1) return day_of_year >= 3 * 31 + 10 && day_of_year < 11 * 31 + 3 ? 60 : 0;
  return day_of_year >= 3 * 31 + 31 && day_of_year < 10 * 31 + 27 ? 60 : 0;
}

std::string FormatLocal(std::int64_t unix_seconds, int offset_minutes, int millis) {
  const std::int64_t local = unix_seconds + offset_minutes * 60;
  const std::int64_t days = local >= 0 ? local / kDay : (local - kDay + 1) / kDay;
  const std::int64_t secs = local - days * kDay;
  const CivilDate date = CivilFromDays(days);
  char text[48];
  int len = std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d", date.year, date.month,
                          date.day, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
                          static_cast<int>(secs % 60));
  if (millis >= 0) len += std::snprintf(text + len, sizeof text - static_cast<std::size_t>(len), ".%03d", millis);
  if (offset_minutes == 0) {
    std::snprintf(text + len, sizeof text - static_cast<std::size_t>(len), "Z");
  } else {
    const int magnitude = std::abs(offset_minutes);
    std::snprintf(text + len, sizeof text - static_cast<std::size_t>(len), "%c%02d:%02d",
                  offset_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
  }
  return text;
}

std::string Uuid(Rng& rng) {
  std::string hex = HexId(rng, 32);
  hex[12] = '4';
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

std::string OktaId(Rng& rng, std::string_view prefix) {
  static constexpr char kChars[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string out(prefix);
  while (out.size() < 20) out.push_back(kChars[rng.Below(62)]);
  return out;
}

std::uint64_t FlipBits(std::uint64_t value, int bits, Rng& rng) {
  for (int idx = 0; idx < bits; ++idx) value ^= 1ULL << rng.Below(64);
  return value;
}

std::string FillTemplate(std::string_view text, const Resume& resume, Rng& rng) {
  std::string out(text);
  auto replace = [&out](std::string_view key, const std::string& value) {
    for (std::size_t pos = out.find(key); pos != std::string::npos; pos = out.find(key, pos + value.size())) {
      out.replace(pos, key.size(), value);
    }
  };
  replace("{role}", resume.role);
  replace("{y}", std::to_string(resume.years));
  for (std::size_t idx = 0; idx < 3; ++idx) {
    replace("{s" + std::to_string(idx + 1) + "}",
            resume.skills.empty() ? std::string("teamwork") : resume.skills[idx % resume.skills.size()]);
  }
  replace("{n}", std::to_string(rng.Range(2, 40)));
  replace("{p}", std::to_string(rng.Range(15, 70)));
  return out;
}

Resume DrawResume(std::size_t field_idx, int years, Rng& rng) {
  const ResumeBank& bank = GetResumeBank();
  const Catalog& catalog = GetCatalog();
  const Field& field = bank.fields[field_idx];
  Resume resume;
  resume.field = field_idx;
  resume.role = std::string(rng.Pick(field.roles));
  resume.years = years;
  const int skill_count = static_cast<int>(rng.Range(3, 6));
  for (int idx = 0; idx < skill_count; ++idx) {
    std::string skill(rng.Pick(field.skills));
    if (std::find(resume.skills.begin(), resume.skills.end(), skill) == resume.skills.end()) {
      resume.skills.push_back(skill);
    }
  }
  const int employer_count = static_cast<int>(rng.Range(1, 3));
  for (int idx = 0; idx < employer_count; ++idx) {
    if (rng.Chance(0.5)) {
      resume.employers.emplace_back(rng.Pick(catalog.famous_employers));
    } else {
      resume.employers.push_back(std::string(rng.Pick(catalog.company_words_a)) + " " +
                                 std::string(rng.Pick(catalog.company_words_b)));
    }
  }
  for (int idx = 0; idx < 2; ++idx) resume.achievements.push_back(FillTemplate(rng.Pick(field.achievements), resume, rng));
  resume.opener = FillTemplate(rng.Pick(bank.openers), resume, rng);
  resume.closer = std::string(rng.Pick(bank.closers));
  resume.education = std::string(rng.Pick(bank.degrees));
  return resume;
}

std::size_t DrawField(Rng& rng) {
  const ResumeBank& bank = GetResumeBank();
  std::vector<double> weights;
  for (const Field& field : bank.fields) weights.push_back(field.share);
  return rng.PickWeighted(weights);
}

std::string ResumeText(const Resume& resume, const std::string& name, const std::string& email,
                       const std::string& phone, const std::string& place, Rng& rng) {
  std::string text = name;
  std::string contact;
  if (!email.empty()) contact += email;
  if (!phone.empty() && rng.Chance(0.8)) contact += (contact.empty() ? "" : " | ") + phone;
  if (!place.empty() && rng.Chance(0.6)) contact += (contact.empty() ? "" : " | ") + place;
  if (!contact.empty()) text += "\n" + contact;
  text += "\n\n";
  if (!resume.boilerplate.empty()) text += resume.boilerplate + " ";
  text += resume.opener + "\n\nExperience\n";
  for (std::size_t idx = 0; idx < resume.employers.size(); ++idx) {
    text += resume.role + ", " + resume.employers[idx];
    if (idx < resume.achievements.size()) text += ": " + resume.achievements[idx];
    text += ".\n";
  }
  text += "\nSkills: ";
  for (std::size_t idx = 0; idx < resume.skills.size(); ++idx) text += (idx ? ", " : "") + resume.skills[idx];
  text += "\nEducation: " + resume.education + "\n" + resume.closer;
  return text;
}

// ---------------------------------------------------------------------------------------------

class WorldBuilder {
 public:
  WorldBuilder(const WorldConfig& config, std::filesystem::path out_dir, const ProgressFn& progress)
      : catalog_(GetCatalog()),
        config_(config),
        realism_(DrawRealism(config.profile, config.seed)),
        out_dir_(std::move(out_dir)),
        progress_(progress) {}

  Status Run(WorldSummary* summary);
  // DrainSpill writes a spill's lines in time order to `out`, reporting progress under
  // `stage` when it is not empty.
  Status DrainSpill(TimeSortedSpill& spill, OutputFile& out, std::string_view stage);

 private:
  // Setup.
  void BuildCompanies();
  void BuildAgencies();
  void BuildFrontAgencies();
  void BuildOperations();
  void FillOperation(Operation& op, std::size_t op_idx, Rng& rng) const;
  void BuildCells();

  // Legitimate population.
  Household MakeHousehold(std::uint64_t household_idx) const;
  Household MakeLargeHousehold(std::uint64_t household_idx) const;
  HomeBase DrawHomeBase(Rng& rng) const;
  std::size_t DrawNameSet(const HomeBase& base, Rng& rng) const;
  void FinishMembers(Household& household, std::uint64_t household_idx, Rng& rng) const;
  void InheritFamilyName(PersonName& member, const PersonName& parent) const;
  bool SharesGivenName(const Household& household, const PersonName& name) const;
  void AdoptAdversarialName(PersonName& name, Rng& rng) const;
  Applicant MakeAdult(Rng& rng, std::size_t locale, std::size_t name_set, const Address& home, std::size_t isp,
                      int age_low, int age_high) const;
  void IssueHandles(Household& household, std::uint64_t household_idx);
  void EmitHousehold(const Household& household, std::uint64_t household_idx);
  void EmitLegitApplications(const Applicant& person, Rng& rng);

  // Fraud.
  void EmitPersona(Operation& op, std::int64_t persona_idx, Rng& rng);
  void SubmitThroughFront(Row& row, const Operation& op, const Company& company, Rng& rng) const;

  // Shared.
  std::size_t PickCompany(Rng& rng, int locale, bool fraud_target);
  std::string SubmittedAt(const Company& company, std::int64_t when, int applicant_offset, Rng& rng) const;
  std::string CountryText(const Company& company, std::size_t locale) const;
  std::string AddressLine(const Address& address) const;
  std::string NextApplicationId(const Company& company);
  std::string MakeLogin(const Applicant& person, const Company& company);
  void FillAddress(Row& row, const Company& company, const Address& address, Rng& rng) const;
  void EmitRow(Row& row, std::int64_t when, const Applicant& person, bool fraud, const Company& company);
  struct SigninPlan {
    std::string login;
    std::string display_name;
    std::int64_t start = 0;
    int days = 20;
    int work_offset_minutes = 0;  // local clock the sessions follow
    int start_hour = 9;
    std::vector<IpRange> ranges;  // where sessions come from
    std::vector<std::uint64_t> range_hosts;
    std::vector<double> range_weights;
    std::string fingerprint;
    std::size_t user_agent = 0;
  };
  void EmitSignins(const SigninPlan& plan, Rng& rng);

  const Catalog& catalog_;
  WorldConfig config_;
  Realism realism_;
  std::filesystem::path out_dir_;
  const ProgressFn& progress_;
  std::unique_ptr<IpPlan> ip_plan_;
  std::vector<Company> companies_;
  std::vector<std::vector<std::size_t>> companies_by_locale_;
  std::vector<std::size_t> fraud_target_locales_;
  std::vector<double> fraud_target_weights_;
  std::vector<Agency> agencies_;
  std::vector<std::vector<std::size_t>> agencies_by_locale_;
  std::vector<Operation> operations_;
  std::vector<std::vector<std::size_t>> universities_by_locale_;
  std::vector<double> locale_weights_;
  std::int64_t people_target_ = 0;
  std::int64_t personas_target_ = 0;
  std::uint64_t household_estimate_ = 0;
  std::int64_t cell_count_ = 0;
  std::size_t front_agency_base_ = 0;

  std::unique_ptr<TimeSortedSpill> app_spill_;
  std::unique_ptr<TimeSortedSpill> signin_spill_;
  std::optional<CsvWriter> truth_;
  std::optional<CsvWriter> employees_;
  std::unordered_set<std::string> logins_;
  // Legitimate people's handles ("in:" / "gh:" + lower case) -> who holds them (household * 8 + member).
  std::unordered_map<std::string, std::uint64_t> handle_holders_;
  std::uint64_t app_counter_ = 0;
  std::string line_;
  WorldSummary counts_;
};

void WorldBuilder::BuildCompanies() {
  const std::int64_t count = counts_.companies;
  std::vector<double> weights;
  for (const Locale& locale : catalog_.locales) weights.push_back(locale.company_weight);
  companies_by_locale_.assign(catalog_.locales.size(), {});
  std::map<std::string, int> name_uses;
  std::vector<Site> sites;
  companies_.reserve(static_cast<std::size_t>(count));
  for (std::int64_t company_idx = 0; company_idx < count; ++company_idx) {
    Rng rng(DeriveSeed(config_.seed, "company", static_cast<std::uint64_t>(company_idx)));
    Company company;
    company.locale = static_cast<std::uint16_t>(rng.PickWeighted(weights));
    const Locale& locale = catalog_.locales[company.locale];
    company.city = static_cast<std::uint16_t>(rng.Skewed(locale.cities.size(), 1.5));
    // Okta: about half of the targeted companies are outside the technology sector.
    company.sector = static_cast<std::uint8_t>(rng.Chance(0.5) ? 0 : 1 + rng.Below(catalog_.sectors.size() - 1));
    std::string name = std::string(rng.Pick(catalog_.company_words_a)) + " " + std::string(rng.Pick(catalog_.company_words_b));
    const int uses = name_uses[name]++;
    const std::string slug = Slug(name) + (uses > 0 ? "-" + std::to_string(uses + 1) : "");
    company.id = slug;
    std::string domain_stem;
    for (char c : slug) {
      if (c != '-') domain_stem.push_back(c);
    }
    company.domain = domain_stem + std::string(locale.company_tld);
    company.phone_lookup = rng.Chance(0.35);
    company.idv = rng.Chance(company.locale == 0 ? 0.25 : 0.12);
    company.interview_tool = rng.Chance(0.3);
    company.collects_dob = rng.Chance(0.25);
    company.collects_address = rng.Chance(0.6);
    company.collects_photo = rng.Chance(0.4);
    company.collects_ip = rng.Chance(0.75);
    company.collects_device = rng.Chance(0.35);
    company.collects_links = rng.Chance(0.7);
    company.collects_ssn = locale.code == "US" && rng.Chance(0.5);
    company.time_style = static_cast<std::uint8_t>(rng.Below(4));
    company.country_style = static_cast<std::uint8_t>(rng.Below(3));
    if (realism_.ats_only) {
      // Its own stream, so the sparse world is the adversarial world with columns emptied.
      Rng export_rng(DeriveSeed(config_.seed, "company-export", static_cast<std::uint64_t>(company_idx)));
      company.exports_ip = export_rng.Chance(realism_.ip_company_share);
    }
    companies_by_locale_[company.locale].push_back(companies_.size());
    sites.push_back(Site{company.locale, company.city});
    companies_.push_back(std::move(company));
  }
  // The agencies' sites are needed by the IP plan too; build them first.
  BuildAgencies();
  std::vector<Site> agency_sites;
  for (const Agency& agency : agencies_) agency_sites.push_back(agency.site);
  ip_plan_ = std::make_unique<IpPlan>(catalog_, config_.scale, std::move(sites), std::move(agency_sites));
  // Okta: 73% of interviews at US firms; UK, Canada, Germany, India and Australia named next.
  const std::pair<std::string_view, double> targets[] = {{"US", 73}, {"GB", 8}, {"CA", 7}, {"DE", 5}, {"IN", 4}, {"AU", 3}};
  for (const auto& [code, weight] : targets) {
    fraud_target_locales_.push_back(catalog_.LocaleIndex(code));
    fraud_target_weights_.push_back(weight);
  }
}

void WorldBuilder::BuildAgencies() {
  const std::size_t count = std::max<std::size_t>(
      catalog_.agency_names.size(), static_cast<std::size_t>(std::llround(catalog_.agency_names.size() * config_.scale)));
  agencies_by_locale_.assign(catalog_.locales.size(), {});
  std::vector<double> weights;
  for (const Locale& locale : catalog_.locales) weights.push_back(locale.company_weight + 0.01);
  for (std::size_t agency_idx = 0; agency_idx < count; ++agency_idx) {
    Rng rng(DeriveSeed(config_.seed, "agency", agency_idx));
    Agency agency;
    const std::size_t brand = agency_idx % catalog_.agency_names.size();
    agency.site.locale = static_cast<std::uint16_t>(agency_idx < catalog_.agency_names.size() ? 0 : rng.PickWeighted(weights));
    if (agency_idx < catalog_.agency_names.size() && agency_idx % 4 == 3) {
      agency.site.locale = static_cast<std::uint16_t>(rng.PickWeighted(weights));
    }
    const Locale& locale = catalog_.locales[agency.site.locale];
    agency.site.city = static_cast<std::uint16_t>(rng.Below(locale.cities.size()));
    agency.label = std::string(catalog_.agency_names[brand]);
    if (agency_idx >= catalog_.agency_names.size()) agency.label += " " + std::string(locale.cities[agency.site.city].name);
    agency.slug = Slug(agency.label);
    // Some agencies put their own submissions inbox and office phone on every candidate.
    agency.own_contact = rng.Chance(realism_.agency_own_contact);
    agency.inbox = "submissions@" + Slug(catalog_.agency_names[brand]) + "-talent.com";
    agency.phone = MakeMobile(locale, locale.cities[agency.site.city].area_codes, rng);
    agency.device = HexId(rng, 32);
    agencies_by_locale_[agency.site.locale].push_back(agencies_.size());
    agencies_.push_back(std::move(agency));
  }
  if (realism_.adversarial()) BuildFrontAgencies();
}

// BuildFrontAgencies makes one front staffing firm per operation (used by those that have one):
// a US office with its own NAT, inbox and phone, named like the small firms legitimate people
// use, so neither the `agency:` source nor the name tells a front apart (A14, F2).
void WorldBuilder::BuildFrontAgencies() {
  static constexpr std::string_view kSuffixes[] = {"Tech Solutions", "Talent Partners", "IT Consulting",
                                                   "Staffing Group", "Software Group", "Global Resources"};
  front_agency_base_ = agencies_.size();
  const std::size_t us = catalog_.LocaleIndex("US");
  const Locale& locale = catalog_.locales[us];
  for (std::int64_t op_idx = 0; op_idx < counts_.operations + cell_count_; ++op_idx) {
    Rng rng(DeriveSeed(config_.seed, "front-agency", static_cast<std::uint64_t>(op_idx)));
    Agency agency;
    agency.front = true;
    agency.site.locale = static_cast<std::uint16_t>(us);
    agency.site.city = static_cast<std::uint16_t>(rng.Below(locale.cities.size()));
    agency.label = std::string(rng.Pick(catalog_.company_words_a)) + " " + std::string(rng.Pick(kSuffixes));
    agency.slug = Slug(agency.label);
    agency.own_contact = true;
    agency.inbox = "submissions@" + agency.slug + "-talent.com";
    agency.phone = MakeMobile(locale, locale.cities[agency.site.city].area_codes, rng);
    agency.device = HexId(rng, 32);
    agencies_.push_back(std::move(agency));
  }
}

void WorldBuilder::BuildOperations() {
  const std::int64_t op_count = counts_.operations;
  // Persona counts per operation: uneven, like real cells (a big one and several small ones).
  std::vector<double> shares;
  Rng split_rng(DeriveSeed(config_.seed, "operation-split", 0));
  for (std::int64_t op_idx = 0; op_idx < op_count; ++op_idx) shares.push_back(split_rng.Pareto(1.0, 1.5));
  double share_total = 0;
  for (double share : shares) share_total += share;
  std::int64_t assigned = 0;
  for (std::int64_t op_idx = 0; op_idx < op_count; ++op_idx) {
    Rng rng(DeriveSeed(config_.seed, "operation", static_cast<std::uint64_t>(op_idx)));
    Operation op;
    char id[16];
    std::snprintf(id, sizeof id, "op-%02d", static_cast<int>(op_idx + 1));
    op.id = id;
    op.personas = op_idx + 1 == op_count
                      ? personas_target_ - assigned
                      : std::max<std::int64_t>(1, std::llround(static_cast<double>(personas_target_) * shares[static_cast<std::size_t>(op_idx)] / share_total));
    op.personas = std::max<std::int64_t>(0, std::min(op.personas, personas_target_ - assigned));
    assigned += op.personas;
    // Carefulness spreads evenly from sloppy to careful across operations, jittered.
    op.care = std::clamp((op_count == 1 ? 0.5 : static_cast<double>(op_idx) / static_cast<double>(op_count - 1)) +
                             (rng.Uniform() - 0.5) * 0.15,
                         0.0, 1.0);
    FillOperation(op, static_cast<std::size_t>(op_idx), rng);
    operations_.push_back(std::move(op));
  }
}

// FillOperation draws everything of an operation after its size and carefulness.
void WorldBuilder::FillOperation(Operation& op, std::size_t op_idx, Rng& rng) const {
  const std::size_t us = catalog_.LocaleIndex("US");
  const Locale& us_locale = catalog_.locales[us];
  const double sloppy = 1.0 - op.care;
  op.voip_rate = 0.05 + 0.8 * sloppy;
  op.vpn_rate = 0.1 + 0.55 * sloppy;
  op.hosting_rate = 0.02 + 0.1 * sloppy;
  op.direct_rate = 0.04 * sloppy;
  op.facilitator_rate = std::max(0.05, 1.0 - op.vpn_rate - op.hosting_rate - op.direct_rate - 0.05);
  op.flag_rate = 0.05 + 0.35 * sloppy;
  op.idv_pass = 0.3 + 0.5 * op.care;
  op.front_rate = rng.Chance(realism_.front_operation_share)
                      ? realism_.front_rate_low + realism_.front_rate_span * rng.Uniform()
                      : 0.0;
  op.us_hours_share = 0.05 + 0.45 * op.care;
  op.variant_rate = 0.15 + 0.25 * rng.Uniform();
  op.victim_address_rate = 0.3 + 0.5 * op.care;
  op.tz_minutes = rng.Chance(0.6) ? 540 : 480;
  op.email_pattern = static_cast<int>(rng.Below(4));
  op.vpn_brand = rng.Chance(0.75) ? 4 : rng.Below(catalog_.vpn_brands.size());  // 4 = Astrill
  op.email_domains = {"gmail.com", "outlook.com", "hotmail.com", "proton.me", "yahoo.com"};
  if (op.front_rate > 0) {
    static constexpr std::string_view kFrontSuffixes[] = {"Tech Solutions", "Dev Partners", "IT Consulting", "Software Group"};
    op.front_agency = std::string(rng.Pick(catalog_.company_words_a)) + " " + std::string(kFrontSuffixes[rng.Below(4)]);
    if (realism_.adversarial()) {
      op.front_agency_idx = static_cast<int>(front_agency_base_ + op_idx);
      op.front_agency = agencies_[static_cast<std::size_t>(op.front_agency_idx)].label;
    }
  }
  // Facilitators: US households hosting laptops (documented laptop farms).
  const int facilitators = static_cast<int>(rng.Range(1, 2 + static_cast<int>(3 * op.care)));
  for (int fac_idx = 0; fac_idx < facilitators; ++fac_idx) {
    Facilitator fac;
    fac.address.locale = us;
    fac.address.city = rng.Below(us_locale.cities.size());
    fac.address.street = StreetLine(us_locale, rng);
    fac.address.postal = FillPattern(us_locale.cities[fac.address.city].postal, rng);
    fac.line = AddressLine(fac.address);
    fac.isp = rng.Below(ip_plan_->ResidentialIspCount(us));
    fac.ip_host = rng.Next();
    fac.phone = MakeMobile(us_locale, us_locale.cities[fac.address.city].area_codes, rng);
    op.facilitators.push_back(fac);
  }
  const std::size_t pool = static_cast<std::size_t>(std::max<double>(2.0, static_cast<double>(op.personas) * (0.35 + 1.2 * op.care)));
  for (std::size_t idx = 0; idx < pool; ++idx) {
    const City& city = rng.Pick(us_locale.cities);
    PhoneNumber number = MakeMobile(us_locale, city.area_codes, rng);
    std::string type = "mobile";
    if (rng.Chance(op.voip_rate)) type = rng.Chance(0.8) ? "nonFixedVoip" : "fixedVoip";
    op.phone_pool.emplace_back(number, type);
  }
  const int templates = static_cast<int>(1 + std::llround(op.care * 6) + rng.Below(2));
  for (int idx = 0; idx < templates; ++idx) {
    // Software-heavy, but not only (Okta: finance, healthcare and support roles too).
    const std::size_t field = rng.Chance(0.75) ? 0 : DrawField(rng);
    op.templates.push_back(DrawResume(field, static_cast<int>(rng.Range(5, 12)), rng));
  }
  const int photos = static_cast<int>(rng.Range(1, 2 + static_cast<int>(4 * op.care)));
  for (int idx = 0; idx < photos; ++idx) op.photos.push_back(rng.Next());
  const std::size_t devices = static_cast<std::size_t>(std::max<double>(1.0, static_cast<double>(op.personas) * (0.15 + 0.7 * op.care)));
  for (std::size_t idx = 0; idx < devices; ++idx) op.devices.push_back(HexId(rng, 32));
  const int payouts = static_cast<int>(rng.Range(1, 2 + static_cast<int>(3 * op.care)));
  for (int idx = 0; idx < payouts; ++idx) {
    op.payouts.push_back(rng.Chance(0.6) ? MakeBankAccount("US", rng)
                                         : (rng.Chance(0.5) ? "PAYONEER " : "WISE ") + HexId(rng, 4) + std::to_string(rng.Range(100000, 999999)));
  }
  for (int idx = 0; idx < 3; ++idx) op.github_pool.push_back(std::string(rng.Pick(catalog_.company_words_a)) + "dev" + std::to_string(rng.Range(10, 99)));
}

// BuildCells adds the adversarial profile's small cells: three or four personas behind one
// facilitator, sharing one or two phones, one device, one payout account, one base photo and
// the facilitator's address and line (section 2.2: the Jan 2025 indictment's two workers and
// three facilitators; DOJ laptop farms). They come on top of --personas.
void WorldBuilder::BuildCells() {
  for (std::int64_t cell_idx = 0; cell_idx < cell_count_; ++cell_idx) {
    Rng rng(DeriveSeed(config_.seed, "cell", static_cast<std::uint64_t>(cell_idx)));
    Operation op;
    const std::size_t op_idx = operations_.size();
    char id[16];
    std::snprintf(id, sizeof id, "op-%02d", static_cast<int>(op_idx + 1));
    op.id = id;
    op.personas = rng.Range(3, 4);
    op.care = rng.Uniform();
    FillOperation(op, op_idx, rng);
    op.facilitators.resize(1);
    op.phone_pool.resize(1 + rng.Below(2));
    op.devices.resize(1);
    op.payouts.resize(1);
    op.photos.resize(1);
    op.victim_address_rate = 0;  // every persona gives the facilitator's address
    op.vpn_rate = 0.05 + 0.2 * rng.Uniform();
    op.hosting_rate = 0.02;
    op.direct_rate = 0.01;
    op.facilitator_rate = 1.0 - op.vpn_rate - op.hosting_rate - op.direct_rate - 0.05;
    operations_.push_back(std::move(op));
  }
  counts_.operations += cell_count_;
  counts_.cells = cell_count_;
}

std::size_t WorldBuilder::PickCompany(Rng& rng, int locale, bool fraud_target) {
  std::size_t target_locale = 0;
  if (fraud_target) {
    target_locale = fraud_target_locales_[rng.PickWeighted(fraud_target_weights_)];
  } else if (locale >= 0 && rng.Chance(0.72)) {
    target_locale = static_cast<std::size_t>(locale);
  } else {
    // Remote roles: mostly US and UK employers.
    target_locale = rng.Chance(0.8) ? 0 : catalog_.LocaleIndex("GB");
  }
  const auto& list = companies_by_locale_[target_locale];
  if (list.empty()) return rng.Skewed(companies_.size(), 2.0);
  // Popularity is heavy-tailed: lower indexes (in creation order) are the big employers.
  return fraud_target ? list[rng.Skewed(list.size(), 1.3)] : list[rng.Skewed(list.size(), 2.2)];
}

std::string WorldBuilder::CountryText(const Company& company, std::size_t locale) const {
  const Locale& loc = catalog_.locales[locale];
  switch (company.country_style) {
    case 1: return std::string(loc.country_name);
    case 2: return ToLowerAscii(loc.code);
    default: return std::string(loc.code);
  }
}

std::string WorldBuilder::AddressLine(const Address& address) const {
  const Locale& locale = catalog_.locales[address.locale];
  const City& city = locale.cities[address.city];
  return address.street + ", " + std::string(city.name) + ", " + std::string(city.region) + " " + address.postal +
         (locale.code == "US" ? "" : ", " + std::string(locale.country_name));
}

std::string WorldBuilder::SubmittedAt(const Company& company, std::int64_t when, int applicant_offset,
                                      Rng& rng) const {
  switch (company.time_style) {
    case 0: return FormatLocal(when, 0, -1);
    case 1: {
      const Locale& locale = catalog_.locales[company.locale];
      const int offset = locale.cities[company.city].utc_offset_minutes + DstMinutes(locale.dst_rule, when);
      return FormatLocal(when, offset, -1);
    }
    case 2: return FormatLocal(when, 0, static_cast<int>(rng.Below(1000)));
    default: return FormatLocal(when, applicant_offset, -1);
  }
}

std::string WorldBuilder::NextApplicationId(const Company& company) {
  return company.id + "-" + Base36(PermuteId(app_counter_++, config_.seed), 8);
}

std::string WorldBuilder::MakeLogin(const Applicant& person, const Company& company) {
  const std::string given = AsciiFold(GivenLatin(catalog_, person.name));
  const std::string family = AsciiFold(FamilyLatin(catalog_, person.name));
  std::string base = given + "." + family;
  std::string login = base + "@" + company.domain;
  for (int suffix = 2; logins_.count(login); ++suffix) login = base + std::to_string(suffix) + "@" + company.domain;
  logins_.insert(login);
  return login;
}

void WorldBuilder::FillAddress(Row& row, const Company& company, const Address& address, Rng& rng) const {
  if (!company.collects_address || rng.Chance(0.06)) return;
  const Locale& locale = catalog_.locales[address.locale];
  const City& city = locale.cities[address.city];
  row[kStreet] = rng.Chance(0.2) ? StreetVariant(address.street, rng) : address.street;
  row[kCity] = rng.Chance(0.05) ? ToUpperAscii(city.name) : std::string(city.name);
  row[kRegion] = std::string(city.region);
  row[kPostalCode] = rng.Chance(0.03) ? "" : address.postal;
  row[kCountry] = CountryText(company, address.locale);
}

void WorldBuilder::EmitRow(Row& row, std::int64_t when, const Applicant& person, bool fraud, const Company& company) {
  if (realism_.ats_only) {
    // A typical ATS export: none of these columns, and the submission IP only where the
    // career site logs it.
    for (const Col col : {kDateOfBirth, kPhotoHash, kNationalId, kDeviceId}) row[col].clear();
    if (!company.exports_ip) row[kIpAddress].clear();
  }
  if (StartsWith(row[kSource], "agency:")) {
    ++counts_.agency_applications;
    if (fraud) ++counts_.front_applications;
  }
  line_.clear();
  for (std::size_t col = 0; col < kColumnCount; ++col) {
    if (col) line_.push_back(',');
    CsvWriter::AppendField(line_, row[col], CellPolicy::kVerbatim);
  }
  app_spill_->Add(when, line_);
  truth_->WriteRow({row[kApplicationId], person.person_id, person.operation_id, fraud ? "1" : "0"});
  ++counts_.applications;
  if (fraud) ++counts_.fraud_applications;
  if (progress_ && (counts_.applications & 0xFFFF) == 0) progress_("applications", static_cast<std::uint64_t>(counts_.applications));
}

// ---------------------------------------------------------------------------------------------
// Legitimate people.

Applicant WorldBuilder::MakeAdult(Rng& rng, std::size_t locale_idx, std::size_t name_set, const Address& home,
                                  std::size_t isp, int age_low, int age_high) const {
  const Locale& locale = catalog_.locales[locale_idx];
  const NameSet& set = catalog_.name_sets[name_set];
  Applicant person;
  person.residence = locale_idx;
  person.home = home;
  person.isp = isp;
  person.name = DrawName(catalog_, name_set, rng);
  if (realism_.adversarial()) AdoptAdversarialName(person.name, rng);
  const int age = static_cast<int>(rng.Range(age_low, age_high));
  person.dob = CivilDate{2024 - age, static_cast<int>(rng.Range(1, 12)), static_cast<int>(rng.Range(1, 28))};
  if (locale.code == "US") person.ssn = MakeSsn(rng);
  // Identity documents: people born elsewhere often verify with their original passport.
  static const std::pair<std::string_view, std::string_view> kOrigin[] = {
      {"indian", "IN"}, {"chinese", "CN"}, {"korean", "KR"}, {"japanese", "JP"}, {"russian", "RU"},
      {"ukrainian", "UA"}, {"vietnamese", "VN"}, {"filipino", "PH"}, {"nigerian", "NG"}, {"polish", "PL"},
      {"hispanic", "MX"}, {"brazilian", "BR"}, {"italian", "IT"}, {"german", "DE"}, {"french", "FR"}};
  person.idv_country = std::string(locale.code);
  for (const auto& [set_id, country] : kOrigin) {
    if (set.id == set_id && country != locale.code && rng.Chance(0.35)) person.idv_country = std::string(country);
  }
  // E-mail addresses: a main one, often an older one, a school one for students.
  const std::string given_ascii = AsciiFold(GivenLatin(catalog_, person.name));
  const std::string family_ascii = AsciiFold(FamilyLatin(catalog_, person.name));
  std::vector<double> domain_weights;
  for (const auto& [domain, weight] : locale.email_domains) domain_weights.push_back(weight);
  const int email_count = rng.Chance(0.35) ? (rng.Chance(0.25) ? 3 : 2) : 1;
  for (int idx = 0; idx < email_count; ++idx) {
    const std::string_view domain = locale.email_domains[rng.PickWeighted(domain_weights)].first;
    std::string local = domain == "qq.com" ? std::to_string(rng.Range(10000000, 2999999999LL))
                                           : MakeEmailLocal(given_ascii, family_ascii, person.dob.year, rng);
    person.emails.push_back(local + "@" + std::string(domain));
    person.email_weights.push_back(idx == 0 ? 1.0 : 0.25);
  }
  // Phones: usually one mobile; VoIP (Google Voice and the like) for a few percent.
  const City& city = locale.cities[home.city];
  person.phones.push_back(MakeMobile(locale, city.area_codes, rng));
  if (rng.Chance(0.12)) person.phones.push_back(MakeMobile(locale, city.area_codes, rng));
  const double voip_share = locale.code == "US" || locale.code == "CA" ? 0.04 : 0.015;
  if (rng.Chance(voip_share)) {
    person.line_type = rng.Chance(0.85) ? "nonFixedVoip" : "fixedVoip";
  } else if (rng.Chance(0.06)) {
    person.line_type = "landline";
  }
  person.phone_style = rng.Next();
  if (rng.Chance(0.65)) {
    person.linkedin = given_ascii + "-" + family_ascii + (rng.Chance(0.6) ? "-" + HexId(rng, 6) : "");
  }
  const std::size_t field = DrawField(rng);
  const int years = std::max(0, age - 22 - static_cast<int>(rng.Below(4)));
  person.resume = DrawResume(field, std::max(1, years), rng);
  if (field == 0 && rng.Chance(0.55)) {
    person.github = rng.Chance(0.5) ? given_ascii + family_ascii : given_ascii.substr(0, 1) + family_ascii + std::to_string(rng.Range(1, 99));
  }
  if (!rng.Chance(0.15)) person.photo = rng.Chance(0.03) ? kDefaultAvatarHash : rng.Next();
  person.devices.push_back(HexId(rng, 32));
  if (rng.Chance(0.4)) person.devices.push_back(HexId(rng, 32));
  person.payout = MakeBankAccount(locale.code, rng);
  person.variant_rate = rng.Chance(0.3) ? 0.4 : 0.08;
  person.allow_native = IsScriptNameSet(set) && rng.Chance(0.5);
  // Heavy-tailed applications per person: most apply a few times, some more than 100 times.
  person.applications = std::min<std::int64_t>(400, static_cast<std::int64_t>(rng.Pareto(1.3, 1.35)));
  person.applications = std::max<std::int64_t>(1, person.applications);
  person.ip_seed = rng.Next();
  // Universities of the country: students and recent graduates apply from the campus NAT.
  const auto& unis = universities_by_locale_[locale_idx];
  if (!unis.empty() && age <= 25 && rng.Chance(0.6)) {
    person.university = static_cast<int>(unis[rng.Below(unis.size())]);
    if (rng.Chance(0.5)) {
      person.emails.push_back(given_ascii.substr(0, 1) + family_ascii + std::to_string(rng.Range(1, 999)) + "@" +
                              std::string(catalog_.universities[static_cast<std::size_t>(person.university)].domain));
      person.email_weights.push_back(0.8);
    }
    // Career-centre templates: many students of a campus share the same paragraph.
    if (rng.Chance(0.6)) {
      const ResumeBank& bank = GetResumeBank();
      person.resume.boilerplate = std::string(bank.career_templates[(static_cast<std::size_t>(person.university) + rng.Below(2)) % bank.career_templates.size()]);
    }
  }
  if (age > 24 && rng.Chance(0.45)) {
    const auto& local = companies_by_locale_[locale_idx];
    if (!local.empty()) person.employer = static_cast<int>(local[rng.Skewed(local.size(), 2.0)]);
  }
  const auto& local_agencies = agencies_by_locale_[locale_idx];
  if (!local_agencies.empty() && rng.Chance(realism_.agency_share)) {
    person.agency = static_cast<int>(local_agencies[rng.Below(local_agencies.size())]);
  }
  // Legitimate VPN users; in China most people reaching foreign sites need one (Astrill is popular).
  const double vpn_share = locale.code == "CN" ? 0.45 : (locale.code == "RU" ? 0.2 : 0.05);
  if (rng.Chance(vpn_share)) {
    person.vpn_brand = locale.code == "CN" && rng.Chance(0.5) ? 4 : static_cast<int>(rng.Below(catalog_.vpn_brands.size()));
    person.vpn_share = 0.3 + 0.7 * rng.Uniform();
  }
  // Korean homes take an internet phone (070) with their broadband; some give it on forms.
  if (realism_.adversarial() && locale.code == "KR" && rng.Chance(realism_.kr_internet_phone)) {
    person.phones.front() = MakeKoreanInternetPhone(rng);
    person.line_type = "fixedVoip";
  }
  return person;
}

// AdoptAdversarialName gives some Korean and Chinese people a name close to a listed DPRK
// individual's, and some more East Asian people an English given name they use beside their
// own ("Eric Xu" and "Yang Xu", one person).
void WorldBuilder::AdoptAdversarialName(PersonName& name, Rng& rng) const {
  const std::string_view set_id = catalog_.name_sets[name.name_set].id;
  const bool korean = set_id == "korean";
  const bool chinese = set_id == "chinese";
  if ((korean && rng.Chance(realism_.near_listed_korean)) || (chinese && rng.Chance(realism_.near_listed_chinese))) {
    NearListedName near = DrawNearListedName(chinese, rng);
    name.given_text = std::move(near.given);
    name.family_text = std::move(near.family);
  }
  if ((korean || chinese || set_id == "vietnamese") && name.english_given.empty() &&
      rng.Chance(realism_.extra_english_name)) {
    name.english_given = std::string(rng.Pick(catalog_.english_given_names));
  }
}

Household WorldBuilder::MakeHousehold(std::uint64_t household_idx) const {
  Rng rng(DeriveSeed(config_.seed, "household", household_idx));
  Household household;
  const HomeBase base = DrawHomeBase(rng);
  const std::size_t locale_idx = base.locale;
  const Address& home = base.home;
  const std::size_t isp = base.isp;
  const std::size_t name_set = DrawNameSet(base, rng);
  const double kind = rng.Uniform();
  // 60% live alone, 25% are couples/families, 15% share with roommates.
  int size = 1;
  bool family = false;
  if (kind >= 0.6 && kind < 0.85) {
    size = static_cast<int>(rng.Range(2, 4));
    family = true;
  } else if (kind >= 0.85) {
    size = static_cast<int>(rng.Range(2, 4));
  }
  household.members.push_back(MakeAdult(rng, locale_idx, name_set, home, isp, 22, 62));
  const std::string shared_device = HexId(rng, 32);
  const bool shares_device = rng.Chance(0.2);
  for (int member_idx = 1; member_idx < size; ++member_idx) {
    if (family) {
      const bool child = member_idx >= 2;
      Applicant member = MakeAdult(rng, locale_idx, rng.Chance(0.85) ? name_set : DrawNameSet(base, rng), home, isp, child ? 18 : 22, child ? 25 : 62);
      if (member.name.name_set == name_set && (child || rng.Chance(0.6))) {
        if (!child) member.name.maiden_family = FamilyLatin(catalog_, member.name);
        InheritFamilyName(member.name, household.members[0].name);
      }
      if (!child && rng.Chance(0.15)) member.payout = household.members[0].payout;  // joint account
      if (rng.Chance(0.05)) member.phones.front() = household.members[0].phones.front();  // family phone
      household.members.push_back(std::move(member));
    } else {
      household.members.push_back(MakeAdult(rng, locale_idx, DrawNameSet(base, rng), home, isp, 20, 35));
    }
    if (shares_device) household.members.back().devices.front() = shared_device;
  }
  if (shares_device) household.members.front().devices.front() = shared_device;
  FinishMembers(household, household_idx, rng);
  return household;
}

HomeBase WorldBuilder::DrawHomeBase(Rng& rng) const {
  HomeBase base;
  base.locale = rng.PickWeighted(locale_weights_);
  const Locale& locale = catalog_.locales[base.locale];
  base.home.locale = base.locale;
  base.home.city = rng.Skewed(locale.cities.size(), 1.6);
  base.home.street = StreetLine(locale, rng);
  base.home.postal = FillPattern(locale.cities[base.home.city].postal, rng);
  base.isp = rng.Below(ip_plan_->ResidentialIspCount(base.locale));
  for (const auto& [set_id, weight] : locale.name_origins) base.origin_weights.push_back(weight);
  return base;
}

std::size_t WorldBuilder::DrawNameSet(const HomeBase& base, Rng& rng) const {
  const Locale& locale = catalog_.locales[base.locale];
  return catalog_.NameSetIndex(locale.name_origins[rng.PickWeighted(base.origin_weights)].first);
}

// FinishMembers numbers the members, gives them the household's home connection and moves 15%
// of them from an older address.
void WorldBuilder::FinishMembers(Household& household, std::uint64_t household_idx, Rng& rng) const {
  for (std::size_t member_idx = 0; member_idx < household.members.size(); ++member_idx) {
    Applicant& member = household.members[member_idx];
    const Locale& locale = catalog_.locales[member.home.locale];
    member.person_id = "P" + std::to_string(household_idx) + "-" + std::to_string(member_idx + 1);
    member.ip_seed = MixBits(household_idx * 0x9E37 + 17);  // one home connection per household
    if (rng.Chance(0.15)) {
      Address old = member.home;
      old.city = rng.Below(locale.cities.size());
      old.street = StreetLine(locale, rng);
      old.postal = FillPattern(locale.cities[old.city].postal, rng);
      member.old_home = old;
    }
  }
}

bool WorldBuilder::SharesGivenName(const Household& household, const PersonName& name) const {
  const std::string given = GivenLatin(catalog_, name);
  return std::any_of(household.members.begin(), household.members.end(),
                     [&](const Applicant& member) { return GivenLatin(catalog_, member.name) == given; });
}

void WorldBuilder::InheritFamilyName(PersonName& member, const PersonName& parent) const {
  member.family = parent.family;
  member.family_text = parent.family_text;
  // A near-listed given name (a name outside the tables) needs the family name as text.
  if (!member.given_text.empty() && member.family_text.empty()) member.family_text = FamilyLatin(catalog_, parent);
}

// MakeLargeHousehold draws a household of 5-8 applicants (adversarial profile): a family of
// parents, adult children and a relative, or unrelated flatmates. Each has their own name,
// date of birth, e-mails, phone and payout account; they share the address and the home IP,
// sometimes a home line and a family computer. Streams apart from MakeHousehold's.
Household WorldBuilder::MakeLargeHousehold(std::uint64_t household_idx) const {
  Rng rng(DeriveSeed(config_.seed, "large-household", household_idx));
  Household household;
  const HomeBase base = DrawHomeBase(rng);
  const std::size_t locale_idx = base.locale;
  const Locale& locale = catalog_.locales[locale_idx];
  const Address& home = base.home;
  const std::size_t isp = base.isp;
  const std::size_t name_set = DrawNameSet(base, rng);
  const std::vector<double> size_weights(realism_.large_size_weights.begin(), realism_.large_size_weights.end());
  const int size = 5 + static_cast<int>(rng.PickWeighted(size_weights));
  const bool flatmates = rng.Chance(realism_.flatmate_share);
  // Korean and Chinese wives keep their own family name.
  const std::string_view set_id = catalog_.name_sets[name_set].id;
  const bool keeps_name = set_id == "korean" || set_id == "chinese";
  for (int member_idx = 0; member_idx < size; ++member_idx) {
    if (flatmates) {
      household.members.push_back(MakeAdult(rng, locale_idx, DrawNameSet(base, rng), home, isp, 20, 40));
      continue;
    }
    const bool parent = member_idx < 2;
    const bool relative = member_idx >= 6;  // an aunt, a cousin, a grandparent
    const bool older = parent || relative;
    Applicant member = MakeAdult(rng, locale_idx, name_set, home, isp, older ? 38 : 18, older ? 66 : 32);
    // Common names are drawn often; siblings still do not share a given name.
    for (int attempt = 0; attempt < 8 && SharesGivenName(household, member.name); ++attempt) {
      member = MakeAdult(rng, locale_idx, name_set, home, isp, older ? 38 : 18, older ? 66 : 32);
    }
    const bool spouse = member_idx == 1;
    if (member_idx > 0 && !relative && !(spouse && (keeps_name || rng.Chance(0.4)))) {
      if (spouse) member.name.maiden_family = FamilyLatin(catalog_, member.name);
      InheritFamilyName(member.name, household.members[0].name);
    }
    household.members.push_back(std::move(member));
  }
  std::string line_type;
  const std::optional<PhoneNumber> home_line =
      rng.Chance(realism_.household_line) ? MakeHomeLine(locale, locale.cities[home.city].area_codes, rng, &line_type) : std::nullopt;
  const std::string computer = HexId(rng, 32);
  const bool shares_computer = rng.Chance(realism_.family_computer);
  for (Applicant& member : household.members) {
    member.home_line = home_line;
    member.home_line_type = line_type;
    member.home_line_use = realism_.household_line_use;
    // The family computer is one of the devices each member applies from.
    if (shares_computer) member.devices.insert(member.devices.begin(), computer);
  }
  // Adult children who give a parent's mobile as well: with a home line, two numbers are
  // shared under one roof. Which families do is drawn on its own stream; a child's choice per
  // application is a draw on the family's own stream, so only such families' later draws move.
  Rng parent_rng(DeriveSeed(config_.seed, "parent-mobile", household_idx));
  if (!flatmates && parent_rng.Chance(realism_.household_parent_mobile)) {
    for (std::size_t member_idx = 2; member_idx < household.members.size() && member_idx < 6; ++member_idx) {
      Applicant& child = household.members[member_idx];
      child.parent_mobile = household.members[0].phones.front();
      child.parent_mobile_type = household.members[0].line_type;
      child.parent_mobile_use = realism_.household_line_use;
    }
  }
  FinishMembers(household, household_idx, rng);
  return household;
}

// IssueHandles makes each legitimate person's LinkedIn and GitHub handle and each e-mail address
// unique in the world (adversarial profiles), as the sites keep vanity URLs, usernames and
// mailboxes: one already held by another person gets a suffix (LinkedIn `-` and 6-8 hex digits,
// GitHub digits, digits before an e-mail's `@`) drawn on the person's own stream, so no other
// draw of the world moves (two Wei Yangs born in 2000 never share wei2000@gmail.com). The first holder keeps a handle
// for good, so a household generated again (an identity-theft victim) and passed through here
// gets the same handles. Personas keep theirs: operations reuse handles on purpose.
void WorldBuilder::IssueHandles(Household& household, std::uint64_t household_idx) {
  for (std::size_t member_idx = 0; member_idx < household.members.size(); ++member_idx) {
    Applicant& member = household.members[member_idx];
    const std::uint64_t holder = household_idx * 8 + member_idx;
    Rng rng(DeriveSeed(config_.seed, "handle", holder));
    // issue keeps `handle` if its key is free or already this person's, else appends suffixes
    // until one is.
    auto issue = [&](std::string& handle, const auto& key_of, const auto& suffix) {
      if (handle.empty()) return;
      for (std::string candidate = handle;; candidate = handle + suffix()) {
        const auto [it, fresh] = handle_holders_.try_emplace(key_of(candidate), holder);
        if (fresh || it->second == holder) {
          handle = std::move(candidate);
          return;
        }
      }
    };
    auto on_site = [](std::string_view site) {
      return [site](const std::string& candidate) { return std::string(site) + ToLowerAscii(candidate); };
    };
    auto digits = [&] { return std::to_string(rng.Range(1, 9999)); };
    issue(member.linkedin, on_site("in:"), [&] { return "-" + HexId(rng, static_cast<int>(rng.Range(6, 8))); });
    issue(member.github, on_site("gh:"), digits);
    for (std::string& email : member.emails) {
      const std::size_t at = email.find('@');
      if (at == std::string::npos) continue;
      const std::string domain = email.substr(at);
      std::string local = email.substr(0, at);
      // Gmail ignores dots: w.ei2000 is wei2000's mailbox.
      auto mailbox = [&](const std::string& candidate) {
        std::string key = ToLowerAscii(candidate);
        if (domain == "@gmail.com") std::erase(key, '.');
        return "em:" + key + domain;
      };
      issue(local, mailbox, digits);
      email = local + domain;
    }
  }
}

void WorldBuilder::EmitHousehold(const Household& household, std::uint64_t household_idx) {
  if (household.members.size() >= 5) ++counts_.large_households;
  for (std::size_t member_idx = 0; member_idx < household.members.size(); ++member_idx) {
    Rng rng(DeriveSeed(config_.seed, "applications", household_idx * 8 + member_idx));
    EmitLegitApplications(household.members[member_idx], rng);
    ++counts_.people;
  }
}

void WorldBuilder::EmitLegitApplications(const Applicant& person, Rng& rng) {
  const Locale& locale = catalog_.locales[person.residence];
  const City& home_city = locale.cities[person.home.city];
  // Job searches: one to three episodes of a few weeks to months.
  const int episodes = person.applications > 20 ? static_cast<int>(rng.Range(1, 3)) : 1;
  std::vector<std::pair<std::int64_t, std::int64_t>> windows;
  for (int idx = 0; idx < episodes; ++idx) {
    const std::int64_t length = rng.Range(14, person.applications > 50 ? 300 : 150) * kDay;
    const std::int64_t start = kWorldStart + static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(kWorldEnd - kWorldStart - length)));
    windows.emplace_back(start, length);
  }
  std::vector<std::int64_t> times;
  for (std::int64_t idx = 0; idx < person.applications; ++idx) {
    const auto& [start, length] = windows[rng.Below(windows.size())];
    std::int64_t day = start + static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(length / kDay))) * kDay;
    // Local time of day: mostly 08:00-23:59, peak in the evening.
    const int hour = static_cast<int>(rng.Chance(0.7) ? rng.Range(8, 18) : rng.Range(18, 24)) % 24;
    day -= day % kDay;
    times.push_back(day + hour * 3600 + static_cast<std::int64_t>(rng.Below(3600)) - home_city.utc_offset_minutes * 60);
  }
  std::sort(times.begin(), times.end());
  // A share of people get hired once, late in their search.
  const bool hired = rng.Chance(0.1);
  const std::size_t hire_idx = times.size() - 1 - rng.Below(std::min<std::size_t>(times.size(), 3));
  for (std::size_t app_idx = 0; app_idx < times.size(); ++app_idx) {
    const std::int64_t when = times[app_idx];
    const std::size_t company_idx = PickCompany(rng, static_cast<int>(person.residence), false);
    const Company& company = companies_[company_idx];
    const int offset = home_city.utc_offset_minutes + DstMinutes(locale.dst_rule, when);
    Row row;
    row[kApplicationId] = NextApplicationId(company);
    row[kCompanyId] = company.id;
    row[kSubmittedAt] = SubmittedAt(company, when, offset, rng);
    const bool is_hire = hired && app_idx == hire_idx;
    std::string stage;
    if (is_hire) {
      stage = "hired";
    } else {
      const double u = rng.Uniform();
      stage = u < 0.42 ? "applied" : u < 0.74 ? "rejected" : u < 0.86 ? "screened" : u < 0.97 ? "interviewed" : "offered";
    }
    row[kStage] = stage;
    const bool screened = stage != "applied" && !(stage == "rejected" && rng.Chance(0.6));
    const bool interviewed = stage == "interviewed" || stage == "offered" || stage == "hired";
    row[kFullName] = NameVariant(catalog_, person.name, rng, person.variant_rate, person.allow_native);
    const bool older_half = app_idx < times.size() / 2;
    const Address& address = person.old_home && older_half ? *person.old_home : person.home;
    // E-mail: the main one mostly; Gmail users sometimes add a +tag or drop the dots.
    std::string email = person.emails[rng.PickWeighted(person.email_weights)];
    if (EndsWith(email, "@gmail.com") && rng.Chance(0.1)) {
      const std::size_t at = email.find('@');
      email = rng.Chance(0.5) ? email.substr(0, at) + "+jobs" + email.substr(at) : email;
      if (rng.Chance(0.5)) {
        const std::size_t new_at = email.find('@');
        std::string local = email.substr(0, new_at);
        local.erase(std::remove(local.begin(), local.end(), '.'), local.end());
        email = local + email.substr(new_at);
      }
    }
    if (rng.Chance(0.04)) email[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(email[0])));
    const PhoneNumber& phone = person.phones[person.phones.size() > 1 && older_half ? 1 : 0];
    std::string phone_text = FormatPhone(phone, rng.Chance(0.8) ? person.phone_style : rng.Next());
    std::string_view line_type = person.line_type;
    if (person.home_line && rng.Chance(person.home_line_use)) {
      phone_text = FormatPhone(*person.home_line, person.phone_style);
      line_type = person.home_line_type;
    } else if (person.parent_mobile && rng.Chance(person.parent_mobile_use)) {
      phone_text = FormatPhone(*person.parent_mobile, person.phone_style);
      line_type = person.parent_mobile_type;
    }
    // Staffing agency submissions.
    const Agency* agency = nullptr;
    if (person.agency >= 0 && rng.Chance(0.6)) agency = &agencies_[static_cast<std::size_t>(person.agency)];
    if (agency && agency->own_contact && rng.Chance(0.7)) {
      email = agency->inbox;
      phone_text = FormatPhone(agency->phone, 1);
    }
    row[kEmail] = rng.Chance(0.02) ? "" : email;
    row[kPhone] = rng.Chance(0.05) ? "" : phone_text;
    if (company.phone_lookup && !row[kPhone].empty()) {
      row[kPhoneLineType] = rng.Chance(0.03) ? "unknown" : (agency && agency->own_contact ? "landline" : line_type);
    }
    if (company.collects_dob && rng.Chance(0.9)) row[kDateOfBirth] = FormatDate(person.dob);
    FillAddress(row, company, address, rng);
    // Where the application was submitted from.
    if (company.collects_ip) {
      const double u = rng.Uniform();
      if (agency) {
        row[kIpAddress] = IpPlan::AddressIn(ip_plan_->Agency(static_cast<std::size_t>(person.agency)), rng.Below(4));
      } else if (person.vpn_brand >= 0 && rng.Chance(person.vpn_share)) {
        const bool home_exit = rng.Chance(0.5);
        row[kIpAddress] = IpPlan::AddressIn(ip_plan_->VpnExit(static_cast<std::size_t>(person.vpn_brand), rng.Next(), home_exit && locale.code == "US"), rng.Next());
      } else if (person.university >= 0 && u < 0.55) {
        row[kIpAddress] = IpPlan::AddressIn(ip_plan_->Campus(static_cast<std::size_t>(person.university)), rng.Below(6));
      } else if (person.employer >= 0 && u < 0.15) {
        row[kIpAddress] = IpPlan::AddressIn(ip_plan_->Office(static_cast<std::size_t>(person.employer)), rng.Below(3));
      } else if (u < 0.35) {
        const bool v6 = rng.Chance(0.4);
        row[kIpAddress] = IpPlan::AddressIn(ip_plan_->Mobile(person.residence, v6), rng.Next());
      } else {
        // Home line: the dynamic address changes every few months; the household shares it.
        const IpRange& range = ip_plan_->Residential(person.residence, person.home.city, person.isp);
        row[kIpAddress] = IpPlan::AddressIn(range, person.ip_seed + static_cast<std::uint64_t>(when / (90 * kDay)));
      }
    }
    if (company.collects_links) {
      if (!person.linkedin.empty() && rng.Chance(0.8)) {
        const std::uint64_t style = rng.Below(4);
        row[kLinkedin] = style == 0 ? "https://www.linkedin.com/in/" + person.linkedin
                         : style == 1 ? "linkedin.com/in/" + person.linkedin + "/"
                         : style == 2 ? person.linkedin
                                      : "https://linkedin.com/in/" + person.linkedin;
      }
      if (!person.github.empty() && rng.Chance(0.8)) {
        row[kGithub] = rng.Chance(0.6) ? "https://github.com/" + person.github : person.github;
      }
    }
    if (rng.Chance(0.92)) {
      const std::string place = std::string(home_city.name) + ", " + std::string(rng.Chance(0.5) ? home_city.region : locale.code);
      row[kResumeText] = ResumeText(person.resume, row[kFullName].empty() ? CanonicalName(catalog_, person.name) : row[kFullName],
                                    person.emails.front(), FormatPhone(phone, person.phone_style), place, rng);
    }
    if (company.collects_photo && person.photo) {
      // Re-encoding or cropping moves a perceptual hash by a bit or two now and then.
      row[kPhotoHash] = Hex64(rng.Chance(0.1) && *person.photo != kDefaultAvatarHash ? FlipBits(*person.photo, 1 + static_cast<int>(rng.Below(2)), rng) : *person.photo);
    }
    if (company.collects_device) {
      if (agency) {
        row[kDeviceId] = agency->device;
      } else {
        row[kDeviceId] = person.devices[rng.Below(person.devices.size())];
      }
    }
    if (company.collects_ssn && !person.ssn.empty() && (stage == "offered" || stage == "hired" || rng.Chance(0.08))) {
      row[kNationalId] = rng.Chance(0.5) ? person.ssn : std::string(person.ssn).erase(3, 1).erase(5, 1);
    }
    if (company.idv && screened) {
      const double u = rng.Uniform();
      row[kIdvStatus] = u < 0.92 ? "passed" : u < 0.96 ? "review" : u < 0.98 ? "failed" : "not_run";
      if (row[kIdvStatus] != "not_run") row[kIdvDocumentCountry] = person.idv_country;
    }
    if (company.interview_tool && interviewed) {
      std::vector<std::string> flags;
      if (rng.Chance(0.04)) flags.emplace_back("CAMERA_OFF");
      if (rng.Chance(0.015)) flags.emplace_back("READING_ANSWERS");
      if (rng.Chance(0.003)) flags.emplace_back("DEEPFAKE_SUSPECTED");
      row[kInterviewFlags] = JoinStrings(flags, ";");
    }
    if (agency) {
      row[kSource] = "agency:" + agency->slug;
    } else {
      const double u = rng.Uniform();
      if (u < 0.05) {
        row[kSource] = "referral";
        // An employee of the company referred them (an account outside this world's hires).
        const std::string referrer = AsciiFold(rng.Pick(catalog_.name_sets[0].given).latin) + "." +
                                     AsciiFold(rng.Pick(catalog_.name_sets[0].family).latin);
        row[kReferredBy] = referrer + "@" + company.domain;
      } else if (u < 0.25) {
        row[kSource] = "platform:linkedin";
      } else if (u < 0.37) {
        row[kSource] = "platform:indeed";
      } else if (u < 0.9) {
        row[kSource] = "direct";
      }
    }
    if (is_hire) {
      const Address& ship = rng.Chance(0.9) ? person.home : (person.old_home ? *person.old_home : person.home);
      row[kShippingAddress] = rng.Chance(0.05) ? std::string(company.domain) + " office pickup" : AddressLine(ship);
      row[kPayoutAccount] = person.payout;
      const std::string login = MakeLogin(person, company);
      employees_->WriteRow({login, row[kApplicationId], company.id});
      ++counts_.hires;
      SigninPlan plan;
      plan.login = login;
      plan.display_name = CanonicalName(catalog_, person.name);
      plan.start = when + rng.Range(20, 60) * kDay;
      plan.days = static_cast<int>(rng.Range(8, 25));
      plan.work_offset_minutes = offset;
      plan.start_hour = static_cast<int>(rng.Range(7, 10));
      const IpRange& home_range = ip_plan_->Residential(person.residence, person.home.city, person.isp);
      plan.ranges = {home_range, ip_plan_->Office(company_idx), ip_plan_->Mobile(person.residence, false)};
      plan.range_hosts = {person.ip_seed, rng.Below(3), rng.Next()};
      plan.range_weights = {0.7, 0.2, 0.1};
      if (person.vpn_brand >= 0) {
        plan.ranges.push_back(ip_plan_->VpnExit(static_cast<std::size_t>(person.vpn_brand), rng.Next(), true));
        plan.range_hosts.push_back(rng.Next());
        plan.range_weights.push_back(person.vpn_share);
      }
      plan.fingerprint = HexId(rng, 32);
      plan.user_agent = rng.Below(7);
      EmitSignins(plan, rng);
    }
    EmitRow(row, when, person, false, company);
  }
}

// ---------------------------------------------------------------------------------------------
// Fraudulent personas.

void WorldBuilder::EmitPersona(Operation& op, std::int64_t persona_idx, Rng& rng) {
  const std::size_t us = catalog_.LocaleIndex("US");
  const Locale& us_locale = catalog_.locales[us];
  Applicant persona;
  persona.person_id = "F" + std::to_string(persona_idx + 1);
  persona.operation_id = op.id;
  persona.residence = us;
  const Facilitator& facilitator = rng.Pick(op.facilitators);
  // Identity: stolen from a real person in the world (who may also apply under it), stolen
  // from someone outside it, or invented.
  const double kind = rng.Uniform();
  const double stolen_here = 0.2 + 0.25 * op.care;
  bool claimed_foreign = false;
  if (kind < stolen_here && household_estimate_ > 0) {
    Household victim_home;
    for (int attempt = 0; attempt < 64; ++attempt) {
      victim_home = MakeHousehold(rng.Below(household_estimate_));
      if (victim_home.members.front().residence == us) break;
    }
    // Only the victim's name, birth date, SSN and address are taken, not the handles (which
    // IssueHandles would give as issued: every household is emitted before any persona).
    const Applicant& victim = victim_home.members.front();
    persona.name = victim.name;
    persona.name.english_given.clear();
    persona.dob = victim.dob;
    persona.ssn = victim.ssn.empty() ? MakeSsn(rng) : victim.ssn;
    persona.home = rng.Chance(op.victim_address_rate) && victim.residence == us ? victim.home : facilitator.address;
    persona.residence = persona.home.locale;
  } else {
    // Stolen from outside the world, or invented: American-sounding names mostly, East Asian
    // names claiming e.g. Japan or Singapore sometimes.
    const double origin = rng.Uniform();
    std::string_view set_id = origin < 0.55 ? "anglo" : origin < 0.65 ? "hispanic" : origin < 0.75 ? "japanese"
                              : origin < 0.83 ? "chinese" : origin < 0.9 ? "korean" : origin < 0.95 ? "vietnamese" : "ukrainian";
    persona.name = DrawName(catalog_, catalog_.NameSetIndex(set_id), rng);
    persona.name.english_given.clear();
    persona.dob = CivilDate{static_cast<int>(rng.Range(1983, 1998)), static_cast<int>(rng.Range(1, 12)), static_cast<int>(rng.Range(1, 28))};
    std::size_t claim = us;
    if (rng.Chance(0.15)) {
      static constexpr std::string_view kClaims[] = {"JP", "SG", "VN", "IT", "UA", "PL", "CA", "GB"};
      claim = catalog_.LocaleIndex(kClaims[rng.Below(std::size(kClaims))]);
      claimed_foreign = true;
    }
    persona.residence = claim;
    if (claim == us) {
      persona.ssn = op.care < 0.3 && rng.Chance(0.3) ? "9" + MakeSsn(rng).substr(1) : MakeSsn(rng);
      persona.home = rng.Chance(1.0 - op.victim_address_rate) ? facilitator.address : Address{};
      if (persona.home.street.empty()) {
        persona.home.locale = us;
        persona.home.city = rng.Below(us_locale.cities.size());
        persona.home.street = StreetLine(us_locale, rng);
        persona.home.postal = FillPattern(us_locale.cities[persona.home.city].postal, rng);
      }
    } else {
      const Locale& loc = catalog_.locales[claim];
      persona.home.locale = claim;
      persona.home.city = rng.Below(loc.cities.size());
      persona.home.street = StreetLine(loc, rng);
      persona.home.postal = FillPattern(loc.cities[persona.home.city].postal, rng);
    }
  }
  const Locale& claimed = catalog_.locales[persona.residence];
  persona.idv_country = std::string(claimed.code);
  const std::string given_ascii = AsciiFold(GivenLatin(catalog_, persona.name));
  const std::string family_ascii = AsciiFold(FamilyLatin(catalog_, persona.name));
  // Several e-mail accounts per persona, following the operation's naming habit.
  const int email_count = static_cast<int>(rng.Range(2, 5));
  for (int idx = 0; idx < email_count; ++idx) {
    const std::string domain = rng.Pick(op.email_domains);
    std::string local;
    switch ((op.email_pattern + (rng.Chance(0.3) ? 1 : 0)) % 4) {
      case 0: local = given_ascii + family_ascii + std::to_string(rng.Range(10, 99)); break;
      case 1: local = given_ascii + ".dev" + std::to_string(rng.Range(1, 999)); break;
      case 2: local = given_ascii.substr(0, 1) + family_ascii + "." + std::to_string(rng.Range(1000, 9999)); break;
      default: local = MakeEmailLocal(given_ascii, family_ascii, persona.dob.year, rng); break;
    }
    persona.emails.push_back(local + "@" + domain);
    persona.email_weights.push_back(1.0);
  }
  // Phones from the operation's pool: sloppy pools are small and shared across personas.
  const int phone_count = static_cast<int>(rng.Range(1, 3));
  std::vector<std::size_t> phone_ids;
  for (int idx = 0; idx < phone_count; ++idx) phone_ids.push_back(rng.Below(op.phone_pool.size()));
  persona.phone_style = rng.Next();
  persona.linkedin = given_ascii + "-" + family_ascii + "-" + HexId(rng, rng.Chance(0.5) ? 6 : 8);
  // Sloppy cells reuse a few GitHub accounts across personas.
  persona.github = rng.Chance(0.35 * (1.0 - op.care)) ? rng.Pick(op.github_pool) : given_ascii + family_ascii + "-dev";
  // Photos: the same stock/AI image across personas (sloppy) or slightly altered copies.
  const std::uint64_t base_photo = rng.Pick(op.photos);
  persona.photo = rng.Chance(op.care) ? FlipBits(base_photo, static_cast<int>(rng.Range(2, 7)), rng) : base_photo;
  persona.devices.push_back(rng.Pick(op.devices));
  if (rng.Chance(0.4)) persona.devices.push_back(rng.Pick(op.devices));
  const Resume& base_resume = op.templates[rng.Below(op.templates.size())];
  persona.resume = base_resume;
  // Light edits: another years figure, an employer swapped now and then.
  persona.resume.years = std::max(3, base_resume.years + static_cast<int>(rng.Range(-1, 1)));
  if (rng.Chance(0.4) && !persona.resume.employers.empty()) persona.resume.employers[0] = std::string(rng.Pick(catalog_.famous_employers));
  persona.variant_rate = op.variant_rate;
  const double spread = std::exp(0.7 * rng.Normal());
  persona.applications = std::clamp<std::int64_t>(std::llround(kFraudApplicationsPerPersona * spread * 0.82), 3, 400);

  const std::int64_t span = rng.Range(90, 540) * kDay;
  const std::int64_t start = kWorldStart + static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(kWorldEnd - kWorldStart - span)));
  std::vector<std::int64_t> times;
  for (std::int64_t idx = 0; idx < persona.applications; ++idx) {
    const std::int64_t day = start + static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(span / kDay))) * kDay;
    // The workers keep their own working day (UTC+8/+9); careful cells shift to US hours.
    const bool us_hours = rng.Chance(op.us_hours_share);
    const int local_hour = static_cast<int>(us_hours ? rng.Range(9, 17) : rng.Range(8, 19));
    const int clock = us_hours ? -300 : op.tz_minutes;
    times.push_back(day - day % kDay + local_hour * 3600 + static_cast<std::int64_t>(rng.Below(3600)) - clock * 60);
  }
  std::sort(times.begin(), times.end());
  const City& claimed_city = claimed.cities[persona.home.city];
  for (std::size_t app_idx = 0; app_idx < times.size(); ++app_idx) {
    const std::int64_t when = times[app_idx];
    const std::size_t company_idx = PickCompany(rng, -1, true);
    const Company& company = companies_[company_idx];
    const int claimed_offset = claimed_city.utc_offset_minutes + DstMinutes(claimed.dst_rule, when);
    Row row;
    row[kApplicationId] = NextApplicationId(company);
    row[kCompanyId] = company.id;
    // When the export keeps the browser's offset, sloppy workers leak their own clock (+08/+09).
    const int browser_offset = rng.Chance(0.5 + 0.5 * op.care) ? claimed_offset : op.tz_minutes;
    row[kSubmittedAt] = SubmittedAt(company, when, browser_offset, rng);
    const double u = rng.Uniform();
    std::string stage = u < 0.1 ? "applied" : u < 0.45 ? "rejected" : u < 0.62 ? "screened" : u < 0.935 ? "interviewed" : u < 0.96 ? "offered" : "hired";
    row[kStage] = stage;
    const bool screened = stage != "applied" && !(stage == "rejected" && rng.Chance(0.4));
    const bool interviewed = stage == "interviewed" || stage == "offered" || stage == "hired";
    row[kFullName] = NameVariant(catalog_, persona.name, rng, persona.variant_rate, false);
    row[kEmail] = persona.emails[rng.Below(persona.emails.size())];
    const auto& [phone, line_type] = op.phone_pool[phone_ids[rng.Below(phone_ids.size())]];
    row[kPhone] = rng.Chance(0.03) ? "" : FormatPhone(phone, rng.Chance(0.7) ? persona.phone_style : rng.Next());
    if (company.phone_lookup && !row[kPhone].empty()) row[kPhoneLineType] = line_type;
    if (company.collects_dob && rng.Chance(0.9)) row[kDateOfBirth] = FormatDate(persona.dob);
    FillAddress(row, company, persona.home, rng);
    const bool via_front = !op.front_agency.empty() && rng.Chance(op.front_rate);
    if (company.collects_ip) {
      std::vector<double> weights = {op.vpn_rate, op.hosting_rate, op.facilitator_rate, op.direct_rate, 0.05};
      switch (rng.PickWeighted(weights)) {
        case 0:
          row[kIpAddress] = IpPlan::AddressIn(ip_plan_->VpnExit(op.vpn_brand, rng.Next(), !claimed_foreign), rng.Next());
          break;
        case 1:
          row[kIpAddress] = IpPlan::AddressIn(ip_plan_->Hosting(rng.Next()), rng.Next());
          break;
        case 2: {
          const Facilitator& fac = rng.Pick(op.facilitators);
          row[kIpAddress] = IpPlan::AddressIn(ip_plan_->Residential(us, fac.address.city, fac.isp), fac.ip_host + static_cast<std::uint64_t>(when / (120 * kDay)));
          break;
        }
        case 3: {
          const std::size_t direct = catalog_.LocaleIndex(rng.Chance(0.75) ? "CN" : "RU");
          const Locale& loc = catalog_.locales[direct];
          const std::size_t city = loc.code == "CN" ? std::min<std::size_t>(4, loc.cities.size() - 1) : 2;
          row[kIpAddress] = IpPlan::AddressIn(ip_plan_->Residential(direct, rng.Chance(0.5) ? city : 3 % loc.cities.size(), 0), rng.Next());
          break;
        }
        default:
          row[kIpAddress] = IpPlan::AddressIn(ip_plan_->Mobile(us, rng.Chance(0.4)), rng.Next());
          break;
      }
    }
    if (via_front && realism_.adversarial()) SubmitThroughFront(row, op, company, rng);
    if (company.collects_links) {
      if (rng.Chance(0.85)) row[kLinkedin] = rng.Chance(0.5) ? "https://www.linkedin.com/in/" + persona.linkedin : persona.linkedin;
      if (persona.resume.field == 0 && rng.Chance(0.7)) row[kGithub] = rng.Chance(0.6) ? "https://github.com/" + persona.github : persona.github;
    }
    if (rng.Chance(0.95)) {
      Resume edited = persona.resume;
      if (rng.Chance(0.3) && edited.skills.size() > 2) std::swap(edited.skills[0], edited.skills[1]);
      const std::string place = std::string(claimed_city.name) + ", " + std::string(claimed_city.region);
      row[kResumeText] = ResumeText(edited, row[kFullName], row[kEmail], FormatPhone(phone, persona.phone_style), place, rng);
    }
    if (company.collects_photo && persona.photo) {
      row[kPhotoHash] = Hex64(rng.Chance(0.15) ? FlipBits(*persona.photo, 1, rng) : *persona.photo);
    }
    if (company.collects_device) row[kDeviceId] = persona.devices[rng.Below(persona.devices.size())];
    if (company.collects_ssn && !persona.ssn.empty() && (stage == "offered" || stage == "hired" || rng.Chance(0.08))) {
      row[kNationalId] = rng.Chance(0.5) ? persona.ssn : std::string(persona.ssn).erase(3, 1).erase(5, 1);
    }
    if (company.idv && screened) {
      const double v = rng.Uniform();
      row[kIdvStatus] = v < op.idv_pass ? "passed" : v < op.idv_pass + (1 - op.idv_pass) * 0.55 ? "review" : "failed";
      // Forged or borrowed documents: mostly of the claimed country, sometimes not.
      row[kIdvDocumentCountry] = rng.Chance(0.9) ? persona.idv_country : std::string(rng.Chance(0.5) ? "CN" : "LA");
    }
    if (company.interview_tool && interviewed && rng.Chance(op.flag_rate)) {
      static constexpr std::string_view kFlags[] = {"CAMERA_OFF", "CAMERA_OFF", "READING_ANSWERS", "DIFFERENT_PERSON", "DEEPFAKE_SUSPECTED"};
      std::vector<std::string> flags = {std::string(kFlags[rng.Below(std::size(kFlags))])};
      if (rng.Chance(0.3)) {
        std::string second(kFlags[rng.Below(std::size(kFlags))]);
        if (second != flags[0]) flags.push_back(second);
      }
      row[kInterviewFlags] = JoinStrings(flags, ";");
    }
    const auto referrer = op.hired_logins.find(company_idx);
    if (via_front) {
      row[kSource] = "agency:" + Slug(op.front_agency);
    } else if (referrer != op.hired_logins.end() && rng.Chance(0.5)) {
      row[kSource] = "referral";
      row[kReferredBy] = referrer->second;
    } else {
      const double v = rng.Uniform();
      row[kSource] = v < 0.35 ? "platform:linkedin" : v < 0.5 ? "platform:upwork" : v < 0.62 ? "platform:indeed" : v < 0.95 ? "direct" : "";
    }
    if (stage == "hired") {
      // Laptops go to a facilitator's home (laptop farm); salary to the operation's accounts.
      row[kShippingAddress] = rng.Chance(0.85) ? rng.Pick(op.facilitators).line : AddressLine(persona.home);
      row[kPayoutAccount] = rng.Pick(op.payouts);
      const std::string login = MakeLogin(persona, company);
      employees_->WriteRow({login, row[kApplicationId], company.id});
      op.hired_logins.emplace(company_idx, login);
      ++counts_.hires;
      ++counts_.fraud_hires;
      SigninPlan plan;
      plan.login = login;
      plan.display_name = CanonicalName(catalog_, persona.name);
      plan.start = when + rng.Range(20, 50) * kDay;
      plan.days = static_cast<int>(rng.Range(8, 40));
      const bool us_hours = rng.Chance(op.us_hours_share);
      plan.work_offset_minutes = us_hours ? -300 : op.tz_minutes;
      plan.start_hour = static_cast<int>(rng.Range(8, 10));
      const Facilitator& fac = rng.Pick(op.facilitators);
      // The laptop sits at the farm and is driven remotely: the IdP sees the farm's home line,
      // Astrill (or another VPN) exits in the US, and now and then China or Russia directly.
      plan.ranges = {ip_plan_->Residential(us, fac.address.city, fac.isp), ip_plan_->VpnExit(op.vpn_brand, rng.Next(), true),
                     ip_plan_->Residential(catalog_.LocaleIndex(rng.Chance(0.7) ? "CN" : "RU"), 0, 0), ip_plan_->Hosting(rng.Next())};
      plan.range_hosts = {fac.ip_host, rng.Next(), rng.Next(), rng.Next()};
      plan.range_weights = {op.facilitator_rate + 0.2, op.vpn_rate + 0.1, op.direct_rate + 0.01, op.hosting_rate};
      plan.fingerprint = HexId(rng, 32);
      plan.user_agent = rng.Below(7);
      EmitSignins(plan, rng);
    }
    EmitRow(row, when, persona, true, company);
  }
  ++counts_.personas;
}

// SubmitThroughFront makes a front-agency submission look like a real agency's: sent from the
// front's office NAT and, now and then, with its inbox and phone. The persona's device, photo
// and (at hire) the operation's payout account stay: the front relays, it does not replace them.
void WorldBuilder::SubmitThroughFront(Row& row, const Operation& op, const Company& company, Rng& rng) const {
  const auto front_idx = static_cast<std::size_t>(op.front_agency_idx);
  const Agency& front = agencies_[front_idx];
  if (company.collects_ip && rng.Chance(realism_.front_office_ip)) {
    row[kIpAddress] = IpPlan::AddressIn(ip_plan_->Agency(front_idx), rng.Below(4));
  }
  if (rng.Chance(realism_.front_contact)) {
    row[kEmail] = front.inbox;
    if (!row[kPhone].empty()) row[kPhone] = FormatPhone(front.phone, 1);
    if (!row[kPhoneLineType].empty()) row[kPhoneLineType] = "landline";
  }
}

// ---------------------------------------------------------------------------------------------
// Okta System Log events.

void WorldBuilder::EmitSignins(const SigninPlan& plan, Rng& rng) {
  static constexpr std::string_view kApps[] = {"Slack", "Google Workspace", "GitHub Enterprise", "Jira Software", "Zoom", "Workday", "AWS IAM Identity Center", "Salesforce"};
  const std::string actor_id = OktaId(rng, "00u");
  const std::string_view ua_entry = catalog_.user_agents[plan.user_agent % catalog_.user_agents.size()];
  const auto ua_parts = SplitString(ua_entry, '|');
  std::int64_t day = plan.start - plan.start % kDay;
  int worked = 0;
  while (worked < plan.days && day < kSigninEnd) {
    // Weekday of the local working day (1970-01-01 was a Thursday).
    const std::int64_t weekday = ((day / kDay) + 3) % 7;  // 0 = Monday
    day += kDay;
    if (weekday >= 5 && !rng.Chance(0.08)) continue;
    if (!rng.Chance(0.9)) continue;
    ++worked;
    const std::size_t range_idx = rng.PickWeighted(plan.range_weights);
    const IpRange& range = plan.ranges[range_idx];
    const std::uint64_t host = plan.range_hosts[range_idx] + (range.kind == "vpn" || range.kind == "hosting" ? rng.Below(40) : 0);
    const std::string ip = IpPlan::AddressIn(range, host);
    std::int64_t moment = day - kDay + (plan.start_hour * 60 - plan.work_offset_minutes) * 60 + static_cast<std::int64_t>(rng.Below(5400));
    const std::string session = "102" + OktaId(rng, "").substr(0, 22);
    const int events = static_cast<int>(rng.Range(1, 3));
    for (int event_idx = 0; event_idx < events; ++event_idx) {
      nlohmann::json event;
      const bool failure = event_idx == 0 && rng.Chance(0.04);
      std::string type = event_idx == 0 ? "user.session.start" : (event_idx == events - 1 && rng.Chance(0.3) ? "user.session.end" : "user.authentication.sso");
      if (event_idx == 1 && rng.Chance(0.2)) type = "policy.evaluate_sign_on";
      event["uuid"] = Uuid(rng);
      event["published"] = FormatLocal(moment, 0, static_cast<int>(rng.Below(1000)));
      event["eventType"] = type;
      event["version"] = "0";
      event["severity"] = failure ? "WARN" : "INFO";
      event["legacyEventType"] = type == "user.session.start" ? (failure ? "core.user_auth.login_failed" : "core.user_auth.login_success")
                                 : type == "user.session.end" ? "core.user_auth.logout_success"
                                 : type == "policy.evaluate_sign_on" ? "" : "app.auth.sso";
      event["displayMessage"] = type == "user.session.start" ? "User login to Okta" : type == "user.session.end" ? "User logout from Okta"
                                : type == "policy.evaluate_sign_on" ? "Evaluation of sign-on policy" : "User single sign on to app";
      event["actor"] = {{"id", actor_id}, {"type", "User"}, {"alternateId", plan.login}, {"displayName", plan.display_name}};
      nlohmann::json geo = {{"city", range.city.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(range.city))},
                            {"state", range.region.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::string(range.region))},
                            {"country", std::string(range.country_name)},
                            {"postalCode", nullptr},
                            {"geolocation", {{"lat", range.latitude}, {"lon", range.longitude}}}};
      event["client"] = {{"userAgent", {{"rawUserAgent", ua_parts[0]}, {"os", ua_parts.size() > 1 ? ua_parts[1] : ""}, {"browser", ua_parts.size() > 2 ? ua_parts[2] : ""}}},
                         {"zone", "null"},
                         {"device", ua_parts.size() > 3 ? ua_parts[3] : "Computer"},
                         {"id", nullptr},
                         {"ipAddress", ip},
                         {"geographicalContext", geo}};
      event["authenticationContext"] = {{"authenticationStep", 0}, {"externalSessionId", session}};
      event["outcome"] = failure ? nlohmann::json{{"result", "FAILURE"}, {"reason", "INVALID_CREDENTIALS"}}
                                 : nlohmann::json{{"result", type == "policy.evaluate_sign_on" ? "ALLOW" : "SUCCESS"}, {"reason", nullptr}};
      // Okta flags known anonymizers (commercial VPN exits) with isProxy.
      const bool is_proxy = range.kind == "vpn" || (range.anonymizing && rng.Chance(0.3));
      event["securityContext"] = {{"asNumber", range.asn}, {"asOrg", ToLowerAscii(range.as_org)}, {"isp", std::string(range.isp)},
                                  {"domain", std::string(range.domain)}, {"isProxy", is_proxy}};
      event["debugContext"] = {{"debugData", {{"deviceFingerprint", plan.fingerprint}, {"requestUri", type == "user.session.start" ? "/api/v1/authn" : "/app/sso/saml"}, {"threatSuspected", "false"}}}};
      if (type == "user.authentication.sso") {
        event["target"] = nlohmann::json::array({{{"id", OktaId(rng, "0oa")}, {"type", "AppInstance"}, {"alternateId", std::string(kApps[rng.Below(std::size(kApps))])}, {"displayName", "SAML 2.0 App"}}});
      } else {
        event["target"] = nullptr;
      }
      signin_spill_->Add(moment, event.dump());
      ++counts_.signin_events;
      if (failure) {
        moment += rng.Range(10, 90);
        continue;
      }
      moment += rng.Range(60, 3 * 3600);
    }
  }
}

// ---------------------------------------------------------------------------------------------

Status WorldBuilder::Run(WorldSummary* summary) {
  const auto started = std::chrono::steady_clock::now();
  // Written so that NaN fails too (every comparison with NaN is false).
  if (!(config_.scale > 0 && config_.scale <= 1000)) return InvalidInput("--scale must be a number in (0, 1000]");
  if (config_.companies < 0 || config_.people < 0 || config_.operations < 0 || config_.personas < 0) {
    return InvalidInput("counts must not be negative");
  }
  auto scaled = [this](std::int64_t given, std::int64_t fallback, std::int64_t minimum) {
    const std::int64_t base = given > 0 ? given : fallback;
    return std::max<std::int64_t>(minimum, std::llround(static_cast<double>(base) * config_.scale));
  };
  counts_.companies = scaled(config_.companies, kDefaultCompanies, 10);
  people_target_ = scaled(config_.people, kDefaultPeople, 1);
  personas_target_ = scaled(config_.personas, kDefaultPersonas, 1);
  counts_.personas = 0;
  // Small worlds keep a few operations so careful and sloppy cells both exist.
  counts_.operations = std::min(scaled(config_.operations, kDefaultOperations, 3), personas_target_);
  // Small cells scale with the personas, at least one in an adversarial world.
  if (realism_.cells_per_130_personas > 0) {
    cell_count_ = std::max<std::int64_t>(
        1, std::llround(realism_.cells_per_130_personas * static_cast<double>(personas_target_) / 130.0));
  }
  // People living in large households (adversarial profile); the rest as in the default world.
  const std::int64_t large_people = std::llround(static_cast<double>(people_target_) * realism_.large_household_people);
  if (counts_.companies > 50'000'000 || people_target_ > 200'000'000) return InvalidInput("world too large");
  std::error_code ec;
  std::filesystem::create_directories(out_dir_, ec);
  if (ec) return InvalidInput("cannot create " + out_dir_.string() + ": " + ec.message());

  for (const Locale& locale : catalog_.locales) locale_weights_.push_back(locale.population_weight);
  universities_by_locale_.assign(catalog_.locales.size(), {});
  for (std::size_t uni_idx = 0; uni_idx < catalog_.universities.size(); ++uni_idx) {
    universities_by_locale_[catalog_.LocaleIndex(catalog_.universities[uni_idx].country)].push_back(uni_idx);
  }
  BuildCompanies();
  {
    // Households hold ~1.8 people on average; victims of identity theft are drawn among the
    // households that will certainly be generated.
    household_estimate_ = static_cast<std::uint64_t>(std::max<std::int64_t>(1, (people_target_ - large_people) * 10 / 19));
    BuildOperations();
    BuildCells();
  }

  app_spill_ = std::make_unique<TimeSortedSpill>(out_dir_, "applications", kWorldStart, kWorldEnd, 7 * kDay);
  signin_spill_ = std::make_unique<TimeSortedSpill>(out_dir_, "signins", kWorldStart, kSigninEnd, 7 * kDay);
  {
    CC_ASSIGN_OR_RETURN(CsvWriter truth, CsvWriter::Open(out_dir_ / "truth.csv", CellPolicy::kVerbatim));
    truth_.emplace(std::move(truth));
    CC_ASSIGN_OR_RETURN(CsvWriter employees, CsvWriter::Open(out_dir_ / "employees.csv", CellPolicy::kVerbatim));
    employees_.emplace(std::move(employees));
  }
  truth_->WriteRow({"application_id", "person_id", "operation_id", "is_fraud"});
  employees_->WriteRow({"login", "application_id", "company_id"});

  // Legitimate households, then the operations' personas (output is re-sorted by time anyway).
  std::uint64_t household_idx = 0;
  for (const bool large : {false, true}) {
    const std::int64_t target = large ? people_target_ : people_target_ - large_people;
    while (counts_.people < target) {
      Household household = large ? MakeLargeHousehold(household_idx) : MakeHousehold(household_idx);
      const std::int64_t room = target - counts_.people;
      if (static_cast<std::int64_t>(household.members.size()) > room) household.members.resize(static_cast<std::size_t>(room));
      if (realism_.adversarial()) IssueHandles(household, household_idx);
      EmitHousehold(household, household_idx);
      ++household_idx;
    }
  }
  std::int64_t persona_idx = 0;
  for (Operation& op : operations_) {
    for (std::int64_t member = 0; member < op.personas; ++member) {
      Rng rng(DeriveSeed(config_.seed, "persona", static_cast<std::uint64_t>(persona_idx)));
      EmitPersona(op, persona_idx, rng);
      ++persona_idx;
    }
  }

  CC_RETURN_IF_ERROR(truth_->Close());
  CC_RETURN_IF_ERROR(employees_->Close());
  {
    CC_ASSIGN_OR_RETURN(OutputFile applications, OutputFile::Create(out_dir_ / "applications.csv"));
    std::string header;
    for (std::size_t column = 0; column < kHeader.size(); ++column) {
      if (column > 0) header.push_back(',');
      CsvWriter::AppendField(header, kHeader[column], CellPolicy::kVerbatim);
    }
    applications.Write(header + "\n");
    CC_RETURN_IF_ERROR(DrainSpill(*app_spill_, applications, "sorting applications"));
    CC_RETURN_IF_ERROR(applications.Commit());
  }
  {
    CC_ASSIGN_OR_RETURN(OutputFile signins, OutputFile::Create(out_dir_ / "signins.jsonl"));
    CC_RETURN_IF_ERROR(DrainSpill(*signin_spill_, signins, ""));
    CC_RETURN_IF_ERROR(signins.Commit());
  }
  CC_RETURN_IF_ERROR(ip_plan_->WriteRanges(out_dir_ / "ip_ranges.csv"));
  counts_.ip_ranges = static_cast<std::int64_t>(ip_plan_->RangeCount());
  counts_.realism = realism_;
  counts_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (summary) *summary = counts_;
  return Ok();
}

Status WorldBuilder::DrainSpill(TimeSortedSpill& spill, OutputFile& out, std::string_view stage) {
  std::string buffer;
  std::uint64_t written = 0;
  CC_RETURN_IF_ERROR(spill.Finish([&](std::string_view line) {
    buffer.append(line);
    buffer.push_back('\n');
    if (buffer.size() > (1 << 20)) {
      out.Write(buffer);
      buffer.clear();
    }
    if (progress_ && !stage.empty() && (++written & 0xFFFF) == 0) progress_(stage, written);
  }));
  out.Write(buffer);
  return Ok();
}

}  // namespace

Status GenerateWorld(const WorldConfig& config, const std::filesystem::path& out_dir, const ProgressFn& progress,
                     WorldSummary* summary) {
  WorldBuilder builder(config, out_dir, progress);
  return builder.Run(summary);
}

}  // namespace crosscheck::simulate
