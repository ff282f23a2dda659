#include "crosscheck/normalize/application_normalizer.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "crosscheck/common/strings.h"
#include "crosscheck/common/time.h"
#include "crosscheck/normalize/address.h"
#include "crosscheck/normalize/email.h"
#include "crosscheck/normalize/person_name.h"
#include "crosscheck/normalize/phone.h"
#include "crosscheck/normalize/url_handle.h"

namespace crosscheck::normalize {
namespace {

// Below this many records a thread costs more than it saves.
constexpr std::size_t kMinRecordsPerThread = 2048;
// Values quoted in Issue messages are cut to this many bytes.
constexpr std::size_t kMaxQuotedValue = 80;

std::string Quote(std::string_view value) {
  std::string out = "'";
  if (value.size() > kMaxQuotedValue) {
    out += value.substr(0, kMaxQuotedValue);
    out += "...";
  } else {
    out += value;
  }
  out += "'";
  return out;
}

void Report(IssueLog* issues, const NormalizeContext& context, const ApplicationRecord& record,
            std::string_view field, std::string_view code, std::string message) {
  if (issues == nullptr) return;
  issues->Add({.file = context.file,
               .line = record.line,
               .column = 0,
               .field = std::string(field),
               .code = std::string(code),
               .message = std::move(message),
               .severity = IssueSeverity::kFieldIgnored});
}

std::optional<std::uint64_t> ParsePhotoHash(std::string_view text) {
  if (text.size() == 18 && (StartsWith(text, "0x") || StartsWith(text, "0X"))) {
    text.remove_prefix(2);
  }
  if (text.size() != 16) return std::nullopt;
  std::uint64_t value = 0;
  for (const char c : text) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) return std::nullopt;
    value = (value << 4) | static_cast<std::uint64_t>(digit);
  }
  return value;
}

// KeepAlnumUpper keeps ASCII letters and digits, upper-cased; `also_keep` lists other bytes
// kept as they are.
std::string KeepAlnumUpper(std::string_view text, std::string_view also_keep = {}) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c >= 'a' && c <= 'z') {
      out.push_back(static_cast<char>(c - 'a' + 'A'));
    } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out.push_back(c);
    } else if (also_keep.find(c) != std::string_view::npos) {
      out.push_back(c);
    }
  }
  return out;
}

// PayoutAccount keeps everything but the separators people type inside account numbers
// (spaces, dashes, dots), so IBAN "DE89 3704 0044 0532 0130 00" and "de89370400440532013000"
// agree while non-ASCII content is not silently erased.
std::string PayoutAccount(std::string_view text) {
  std::string out;
  for (const char c : TrimAscii(text)) {
    if (c == ' ' || c == '-' || c == '.' || c == '\t') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::vector<std::string> InterviewFlags(std::string_view text) {
  std::vector<std::string> flags;
  for (const std::string& piece : SplitString(text, ';')) {
    std::string flag = ToUpperAscii(TrimAscii(piece));
    std::replace(flag.begin(), flag.end(), ' ', '_');
    std::replace(flag.begin(), flag.end(), '-', '_');
    if (!flag.empty()) flags.push_back(std::move(flag));
  }
  return flags;
}

std::string CountryOrFolded(std::string_view text) {
  std::string iso = NormalizeCountry(text);
  return iso.empty() ? NormalizeCity(text) : iso;
}

// Applications repeat values: a country or city appears on thousands of rows, and a persona
// reuses its name and street across applications (in the default world 126k rows hold 25k
// distinct names and 20k streets). Each normalizer is a pure function of its input text, so a
// chunk of rows remembers the answers it computed and a repeated value costs one hash lookup
// and a copy instead of ICU and the token juggling behind it. E-mails, phones and profile
// URLs are not remembered although they repeat too: their normalizers cost 0.2-0.5 us, about
// what a lookup in a table of tens of thousands of entries costs in cache misses, and
// measured on the default world remembering them made the whole slower. Bounded so that
// garbage input cannot grow a table without limit; a full table is simply cleared.
constexpr std::size_t kMaxCachedValues = 1 << 16;
// A column whose values rarely repeat (say, names in a file of one application per person)
// would only pay for the lookups and the copies into the table, so each table checks its hit
// rate over windows of this many lookups and stops remembering when fewer than 1 in
// kMinHitRatio were hits.
constexpr std::size_t kHitRateWindow = 4096;
constexpr std::size_t kMinHitRatio = 5;

// StringHash lets the tables be searched with a string_view (no temporary std::string).
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const {
    return std::hash<std::string_view>{}(text);
  }
};

// Memo remembers one normalizer's answers by input text (see above). Not thread-safe.
template <typename Value>
class Memo {
 public:
  // Get returns compute(), or the value it returned earlier for the same `key`.
  template <typename Compute>
  Value Get(std::string_view key, Compute&& compute) {
    if (!enabled_) return compute();
    if (++lookups_ == kHitRateWindow) {
      enabled_ = hits_ * kMinHitRatio >= lookups_;
      lookups_ = 0;
      hits_ = 0;
      if (!enabled_) {
        table_ = {};
        return compute();
      }
    }
    if (const auto found = table_.find(key); found != table_.end()) {
      ++hits_;
      return found->second;
    }
    if (table_.size() >= kMaxCachedValues) table_.clear();
    return table_.emplace(std::string(key), compute()).first->second;
  }

  // Disable makes Get compute every time (for one-off calls, where remembering costs more).
  void Disable() { enabled_ = false; }

 private:
  std::unordered_map<std::string, Value, StringHash, std::equal_to<>> table_;
  bool enabled_ = true;
  std::size_t lookups_ = 0;
  std::size_t hits_ = 0;
};

// CountryFields is what one `country` value gives: the ISO code (empty when unknown), the
// country field itself (the code, else the folded text) and the country the postal-code
// rules see (NormalizePostalCode's lookup of the ISO code, done once per distinct value).
struct CountryFields {
  std::string iso;
  std::string field;
  std::string postal_iso;
};

// StreetFields is ParseStreetAndUnit's output for one street line.
struct StreetFields {
  std::string street;
  std::string unit;
  std::string normalized;
};

// NormalizeCache holds the remembered answers of one run of rows (see Memo). Not shared
// between threads: each chunk of NormalizeApplications has its own.
struct NormalizeCache {
  explicit NormalizeCache(bool enabled) {
    if (enabled) return;
    for (auto* memo : {&cities, &regions, &document_countries}) memo->Disable();
    names.Disable();
    countries.Disable();
    streets.Disable();
  }

  Memo<NormalizedName> names;
  Memo<CountryFields> countries;
  Memo<StreetFields> streets;
  Memo<std::string> cities;
  Memo<std::string> regions;
  Memo<std::string> document_countries;
};

// NormalizeInto fills `out`, a default-constructed NormalizedApplication, in place:
// NormalizeApplications writes straight into its result vector instead of moving a 1.2 KB
// temporary into each element.
void NormalizeInto(const ApplicationRecord& record, std::size_t index,
                   const NormalizeContext& context, IssueLog* issues, NormalizeCache& cache,
                   NormalizedApplication& out) {
  out.index = index;
  out.application_id = std::string(TrimAscii(record.application_id));
  out.company_id = std::string(TrimAscii(record.company_id));
  out.submitted_at = record.submitted_at_unix;
  if (!out.submitted_at && !TrimAscii(record.submitted_at).empty()) {
    out.submitted_at = ParseTimestamp(TrimAscii(record.submitted_at));
  }
  out.stage = ToLowerAscii(TrimAscii(record.stage));
  out.name = cache.names.Get(record.full_name,
                             [&] { return NormalizePersonName(record.full_name); });

  if (const std::string_view email = TrimAscii(record.email); !email.empty()) {
    NormalizedEmail normalized = NormalizeEmail(email);
    if (normalized.valid) {
      out.email = std::move(normalized.canonical);
      out.email_domain = std::move(normalized.domain);
      out.email_class = normalized.cls;
    } else {
      Report(issues, context, record, "email", "BAD_EMAIL",
             "not a valid e-mail address: " + Quote(email));
    }
  }

  // One country lookup serves the country field, the phone's default region and the postal
  // code rules.
  const CountryFields country = cache.countries.Get(record.country, [&] {
    std::string iso = NormalizeCountry(record.country);
    std::string field = iso.empty() ? NormalizeCity(record.country) : iso;
    std::string postal_iso = iso.empty() ? std::string() : NormalizeCountry(iso);
    return CountryFields{std::move(iso), std::move(field), std::move(postal_iso)};
  });
  const std::string& country_iso = country.iso;
  out.country = country.field;
  const std::string_view phone = TrimAscii(record.phone);
  const std::string_view line_type = TrimAscii(record.phone_line_type);
  if (!line_type.empty() && !ParseLineType(line_type)) {
    Report(issues, context, record, "phone_line_type", "BAD_PHONE_LINE_TYPE",
           "expected mobile, landline, fixedVoip, nonFixedVoip, tollFree or unknown, got " +
               Quote(line_type));
  }
  if (!phone.empty() || !line_type.empty()) {
    const std::string& region = country_iso.empty() ? context.default_region : country_iso;
    NormalizedPhone normalized = NormalizePhone(phone, region, line_type);
    out.line_type = normalized.line_type;
    if (normalized.valid) {
      out.phone_e164 = std::move(normalized.e164);
      out.phone_country = std::move(normalized.region);
    } else if (!phone.empty()) {
      out.phone_digits = UnparsedPhoneDigits(phone);
      Report(issues, context, record, "phone", "BAD_PHONE",
             "not a valid phone number for region " + Quote(region.empty() ? "US" : region) +
                 (country_iso.empty() && TrimAscii(record.country).empty() ? " (the row names no country; see --default-region)" : "") +
                 ": " + Quote(phone));
    }
  }

  if (record.date_of_birth_parsed) {
    out.date_of_birth = record.date_of_birth_parsed;
  } else if (!TrimAscii(record.date_of_birth).empty()) {
    out.date_of_birth = ParseDate(TrimAscii(record.date_of_birth));
  }

  ParsedAddress residence;
  StreetFields street = cache.streets.Get(record.street, [&] {
    StreetFields fields;
    ParseStreetAndUnit(record.street, &fields.street, &fields.unit, &fields.normalized);
    return fields;
  });
  residence.street = std::move(street.street);
  residence.unit = std::move(street.unit);
  out.street = std::move(street.normalized);
  residence.city = cache.cities.Get(record.city, [&] { return NormalizeCity(record.city); });
  residence.region =
      cache.regions.Get(record.region, [&] { return NormalizeRegion(record.region); });
  residence.country = country_iso;
  residence.postal_code = NormalizePostalCodeForIso(record.postal_code, country.postal_iso);
  out.city = residence.city;
  out.region = residence.region;
  out.postal_code = residence.postal_code;
  out.address_key = AddressKey(residence);
  if (const std::string_view shipping = TrimAscii(record.shipping_address); !shipping.empty()) {
    out.shipping_address_key = AddressKey(ParseAddressLine(shipping));
    if (out.shipping_address_key.empty()) out.shipping_address_key = NormalizeCity(shipping);
  }

  if (const std::string_view ip = TrimAscii(record.ip_address); !ip.empty()) {
    if (context.ip_enricher) {
      context.ip_enricher(ip, out);
    } else {
      out.ip_address = std::string(ip);
    }
  }

  if (const std::string_view linkedin = TrimAscii(record.linkedin); !linkedin.empty()) {
    out.linkedin = LinkedInHandle(linkedin);
    if (out.linkedin.empty()) {
      Report(issues, context, record, "linkedin", "BAD_LINKEDIN",
             "not a LinkedIn profile URL or handle: " + Quote(linkedin));
    }
  }
  if (const std::string_view github = TrimAscii(record.github); !github.empty()) {
    out.github = GitHubHandle(github);
    if (out.github.empty()) {
      Report(issues, context, record, "github", "BAD_GITHUB",
             "not a GitHub profile URL or user name: " + Quote(github));
    }
  }

  if (const std::string_view photo = TrimAscii(record.photo_hash); !photo.empty()) {
    out.photo_hash = ParsePhotoHash(photo);
    if (!out.photo_hash) {
      Report(issues, context, record, "photo_hash", "BAD_PHOTO_HASH",
             "expected 16 hex digits, got " + Quote(photo));
    }
  }
  out.payout_account = PayoutAccount(record.payout_account);
  out.national_id = KeepAlnumUpper(record.national_id);
  out.device_id = std::string(TrimAscii(record.device_id));
  out.idv_status = ToLowerAscii(TrimAscii(record.idv_status));
  out.idv_document_country = cache.document_countries.Get(
      record.idv_document_country, [&] { return CountryOrFolded(record.idv_document_country); });
  out.interview_flags = InterviewFlags(record.interview_flags);
  out.source = ToLowerAscii(TrimAscii(record.source));
}

}  // namespace

NormalizedApplication NormalizeApplication(const ApplicationRecord& record, std::size_t index,
                                           const NormalizeContext& context, IssueLog* issues) {
  NormalizeCache cache(/*enabled=*/false);
  NormalizedApplication out;
  NormalizeInto(record, index, context, issues, cache, out);
  return out;
}

std::vector<NormalizedApplication> NormalizeApplications(
    const std::vector<ApplicationRecord>& records, const NormalizeContext& context,
    IssueLog* issues) {
  std::vector<NormalizedApplication> out(records.size());
  std::size_t threads = context.threads;
  if (threads == 0) threads = std::max<std::size_t>(2, std::thread::hardware_concurrency());
  threads = std::min(threads, std::max<std::size_t>(1, records.size() / kMinRecordsPerThread));

  auto run_chunk = [&](std::size_t begin, std::size_t end, IssueLog* chunk_issues) {
    NormalizeCache cache(/*enabled=*/true);
    for (std::size_t record_idx = begin; record_idx < end; ++record_idx) {
      NormalizeInto(records[record_idx], record_idx, context, chunk_issues, cache,
                    out[record_idx]);
    }
  };
  if (threads <= 1) {
    run_chunk(0, records.size(), issues);
    return out;
  }

  // Contiguous chunks, one IssueLog each, merged in chunk order: the same Issues in the same
  // order as a sequential run.
  const std::size_t chunk_size = (records.size() + threads - 1) / threads;
  std::vector<IssueLog> chunk_issues(threads);
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (std::size_t chunk_idx = 0; chunk_idx < threads; ++chunk_idx) {
    const std::size_t begin = std::min(records.size(), chunk_idx * chunk_size);
    const std::size_t end = std::min(records.size(), begin + chunk_size);
    workers.emplace_back(run_chunk, begin, end, &chunk_issues[chunk_idx]);
  }
  for (std::thread& worker : workers) worker.join();
  if (issues != nullptr) {
    for (IssueLog& log : chunk_issues) {
      for (const Issue& issue : log.issues()) issues->Add(issue);
    }
  }
  return out;
}

}  // namespace crosscheck::normalize
