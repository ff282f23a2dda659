#include "crosscheck/share/encoder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "crosscheck/common/issue.h"
#include "crosscheck/common/time.h"
#include "crosscheck/normalize/application_normalizer.h"
#include "crosscheck/share/submission_file.h"

namespace crosscheck::share {
namespace {

constexpr std::string_view kEpoch = "2026-12";

// Key 0x00, 0x01, ..., 0x1f.
ConsortiumKey CountingKey() {
  ConsortiumKey key;
  for (std::size_t idx = 0; idx < kKeyBytes; ++idx) key.bytes[idx] = static_cast<std::uint8_t>(idx);
  return key;
}

ConsortiumKey OtherKey() {
  ConsortiumKey key = CountingKey();
  key.bytes[31] ^= 0x80;
  return key;
}

// Person is the hand-made input of one application: every field the encoder reads.
struct Person {
  const char* application_id;
  const char* company_id;
  const char* submitted_at;
  const char* full_name;
  const char* email;
  const char* phone;
  const char* date_of_birth;
  const char* street;
  const char* city;
  const char* region;
  const char* postal_code;
  const char* country;
  const char* shipping_address;
  const char* ip_address;
  const char* linkedin;
  const char* github;
  const char* photo_hash;
  const char* payout_account;
  const char* national_id;
  const char* device_id;
  const char* source;
  const char* referred_by;
  const char* resume_text;
};

// Six applicants in six countries. Resumes avoid the words the format itself carries
// ("company", "records", context values), which may appear by design.
const Person kPeople[] = {
    {"acme-000101",
     "acme-corp",
     "2026-11-03T09:15:00Z",
     "Marcus Holloway",
     "Marcus.Holloway+jobs@gmail.com",
     "(415) 555-0142",
     "1988-03-14",
     "742 Evergreen Terrace",
     "Springfield",
     "Illinois",
     "62704",
     "United States",
     "PO Box 4410, Reno, NV 89501, USA",
     "203.0.113.45",
     "https://www.linkedin.com/in/marcus-holloway-88/",
     "https://github.com/mholloway-dev",
     "8f3a00ff12c4e5d6",
     "GB29 NWBK 6016 1331 9268 19",
     "123-45-6789",
     "dev-9f8e7d6c",
     "agency:Acme Staffing",
     "Janet Okafor",
     "Seasoned backend engineer with eleven years building distributed payment platforms. "
     "Designed reconciliation pipelines processing forty million transactions nightly, "
     "migrated legacy monoliths toward event sourcing, and mentored junior developers through "
     "rigorous code review. Comfortable with Kotlin, Postgres, Kafka and Terraform. Led "
     "incident response rotations, authored runbooks, reduced paging volume by half, and "
     "championed observability dashboards across twelve product teams spanning three "
     "continents while maintaining quarterly delivery commitments."},
    {"acme-000102",
     "acme-corp",
     "2026-11-04T14:40:00Z",
     "Siobhan O'Connell",
     "siobhan.oconnell@outlook.com",
     "020 7946 0958",
     "1992-07-21",
     "221B Baker Street",
     "London",
     "Greater London",
     "NW1 6XE",
     "United Kingdom",
     "Flat 3, 18 Wharfside Road, Manchester M1 2AB, United Kingdom",
     "198.51.100.23",
     "linkedin.com/in/siobhanoconnell",
     "github.com/soconnell",
     "c4e5d6128f3a00ff",
     "DE89 3704 0044 0532 0130 00",
     "AB123456C",
     "laptop-7730-xq",
     "referral",
     "Ruairi Byrne",
     "Frontend specialist crafting accessible interfaces for healthcare scheduling portals. "
     "Rebuilt appointment booking flows in TypeScript and React, cutting abandonment "
     "substantially. Partnered with clinicians, pharmacists and designers on usability "
     "studies, wrote localisation tooling supporting nineteen languages, and maintained "
     "component libraries adopted by seven squads. Passionate about semantic markup, screen "
     "readers, keyboard navigation, colour contrast auditing and teaching workshops at "
     "regional meetups every autumn and springtime."},
    {"birch-000201",
     "birch-labs",
     "2026-11-05T08:05:00Z",
     "Friedrich Baumgartner",
     "f.baumgartner@web.de",
     "030 901820",
     "1979-12-02",
     "Unter den Linden 77",
     "Berlin",
     "Berlin",
     "10117",
     "Germany",
     "Packstation 112, 80331 Muenchen, Germany",
     "192.0.2.77",
     "https://de.linkedin.com/in/friedrich-baumgartner",
     "https://github.com/fbaumgartner",
     "0123456789abcdef",
     "FR14 2004 1010 0505 0001 3M02 606",
     "T22000129",
     "workstation-berlin-04",
     "agency:Nordwind Personal",
     "Klaus Wendler",
     "Embedded firmware architect delivering automotive braking controllers certified under "
     "functional safety standards. Wrote deterministic schedulers in Rust and MISRA compliant "
     "modules, validated timing budgets with hardware loops, and coordinated suppliers across "
     "Bavaria and Styria. Introduced fuzzing harnesses uncovering latent overflow defects "
     "before homologation, documented traceability matrices, and coached apprentices through "
     "oscilloscope debugging, soldering practice and careful requirements engineering "
     "discipline."},
    {"birch-000202",
     "birch-labs",
     "2026-11-06T19:30:00Z",
     "Ananya Krishnamurthy",
     "ananya.krishnamurthy@yahoo.co.in",
     "098765 43210",
     "1995-01-30",
     "14 MG Road Indiranagar",
     "Bengaluru",
     "Karnataka",
     "560038",
     "India",
     "",
     "2001:db8:85a3::8a2e:370:7334",
     "linkedin.com/in/ananyakrish",
     "github.com/ananya-k",
     "fedcba9876543210",
     "HDFC0001234567890",
     "KRSA1995",
     "pixel-ananya-5521",
     "agency:Bluepeak Talent",
     "",
     "Machine learning researcher focused on multilingual speech recognition for low resource "
     "dialects. Curated annotated corpora with village volunteers, trained conformer acoustic "
     "models on modest budgets, and published ablations on tokenizer granularity. Shipped "
     "streaming inference servers handling thousands of concurrent callers, tuned quantization "
     "for handheld deployment, and organised reading groups exploring alignment, evaluation "
     "methodology, fairness audits and reproducible experiment tracking."},
    {"cobalt-000301",
     "cobalt-inc",
     "2026-11-07T11:11:00Z",
     "Joao Pedro Carvalho",
     "joaopedro.carvalho@gmail.com",
     "(11) 98765-4321",
     "1990-10-09",
     "Avenida Paulista 1578 Bela Vista",
     "Sao Paulo",
     "Sao Paulo",
     "01310-200",
     "Brazil",
     "",
     "203.0.113.199",
     "linkedin.com/in/joaopcarvalho",
     "github.com/jpcarvalho",
     "a5a5a5a5c3c3c3c3",
     "BR15 0000 0000 0000 1093 2840 814P2",
     "529.982.247-25",
     "moto-g-carvalho-88",
     "careers-page",
     "",
     "Site reliability lead keeping ecommerce checkout available during seasonal traffic "
     "surges. Automated canary analysis, rewrote autoscaling policies, and negotiated error "
     "budgets with merchandising stakeholders. Built chaos experiments validating regional "
     "failover, trimmed cloud spending through rightsizing campaigns, and mentored analysts "
     "transitioning into infrastructure roles. Enjoys capoeira, cycling mountainous trails, "
     "brewing coffee, translating technical articles and volunteering with coding clubs for "
     "teenagers in Campinas."},
    {"cobalt-000302",
     "cobalt-inc",
     "2026-11-08T07:45:00Z",
     "Mei-Ling Tanaka-Whitfield",
     "meiling.tw@protonmail.com",
     "604-555-0187",
     "1985-06-18",
     "1055 West Georgia Street",
     "Vancouver",
     "British Columbia",
     "V6E 3P3",
     "Canada",
     "88 Harbourfront Crescent, Victoria BC V8W 1T4, Canada",
     "198.51.100.201",
     "linkedin.com/in/meiling-tanaka-whitfield",
     "github.com/mltw",
     "1f2e3d4c5b6a7988",
     "CA0412345678901",
     "946-286-413",
     "thinkpad-mltw-2291",
     "agency:Harbour Recruiting",
     "Gordon Lefebvre",
     "Product security engineer hardening identity platforms for municipal governments. "
     "Performed threat modelling workshops, shepherded penetration testing engagements, and "
     "implemented passwordless authentication rollouts across fourteen agencies. Drafted "
     "secure coding guidelines, triaged bounty submissions, and automated dependency "
     "scanning within continuous integration. Speaks Japanese, French and English fluently, "
     "teaches cryptography fundamentals at evening classes, and restores vintage sailboats "
     "along coastal inlets."},
};

ApplicationRecord RecordOf(const Person& person) {
  ApplicationRecord record;
  record.line = 2;
  record.application_id = person.application_id;
  record.company_id = person.company_id;
  record.submitted_at = person.submitted_at;
  record.full_name = person.full_name;
  record.email = person.email;
  record.phone = person.phone;
  record.date_of_birth = person.date_of_birth;
  record.date_of_birth_parsed = ParseDate(person.date_of_birth);
  record.street = person.street;
  record.city = person.city;
  record.region = person.region;
  record.postal_code = person.postal_code;
  record.country = person.country;
  record.shipping_address = person.shipping_address;
  record.ip_address = person.ip_address;
  record.linkedin = person.linkedin;
  record.github = person.github;
  record.resume_text = person.resume_text;
  record.photo_hash = person.photo_hash;
  record.payout_account = person.payout_account;
  record.national_id = person.national_id;
  record.device_id = person.device_id;
  record.source = person.source;
  record.referred_by = person.referred_by;
  record.stage = "interview";
  record.idv_status = "pending";
  return record;
}

std::vector<ApplicationRecord> AllRecords() {
  std::vector<ApplicationRecord> records;
  for (const Person& person : kPeople) records.push_back(RecordOf(person));
  return records;
}

std::vector<NormalizedApplication> Normalize(const std::vector<ApplicationRecord>& records,
                                             IssueLog* issues) {
  return normalize::NormalizeApplications(records, normalize::NormalizeContext{.file = "t.csv"},
                                          issues);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> Words(std::string_view text, std::size_t min_letters) {
  std::vector<std::string> words;
  std::string current;
  for (std::size_t idx = 0; idx <= text.size(); ++idx) {
    const char c = idx < text.size() ? text[idx] : ' ';
    if (std::isalpha(static_cast<unsigned char>(c))) {
      current.push_back(c);
    } else {
      if (current.size() >= min_letters) words.push_back(current);
      current.clear();
    }
  }
  return words;
}

// Leaked is one value that must not appear in a submission file.
struct Leaked {
  std::string field;
  std::string value;
};

// SecretsOf lists every raw value of the row and every normalized value derived from it.
// Not listed, because the format carries them on purpose (consortium_record.h): company_id,
// the ISO alpha-2 countries, stage, idv_status and interview flags.
std::vector<Leaked> SecretsOf(const ApplicationRecord& record, const NormalizedApplication& app) {
  std::vector<Leaked> out = {
      {"raw application_id", record.application_id},
      {"raw submitted_at", record.submitted_at},
      {"raw full_name", record.full_name},
      {"raw email", record.email},
      {"raw phone", record.phone},
      {"raw date_of_birth", record.date_of_birth},
      {"raw street", record.street},
      {"raw city", record.city},
      {"raw region", record.region},
      {"raw postal_code", record.postal_code},
      {"raw country", record.country},
      {"raw shipping_address", record.shipping_address},
      {"raw ip_address", record.ip_address},
      {"raw linkedin", record.linkedin},
      {"raw github", record.github},
      {"raw photo_hash", record.photo_hash},
      {"raw payout_account", record.payout_account},
      {"raw national_id", record.national_id},
      {"raw device_id", record.device_id},
      {"raw source", record.source},
      {"raw referred_by", record.referred_by},
      {"raw resume_text", record.resume_text},
      {"email", app.email},
      {"email local part", app.email.substr(0, app.email.find('@'))},
      {"phone_e164", app.phone_e164},
      {"national_id", app.national_id},
      {"payout_account", app.payout_account},
      {"device_id", app.device_id},
      {"address_key", app.address_key},
      {"street", app.street},
      {"postal_code", app.postal_code},
      {"shipping_address_key", app.shipping_address_key},
      {"linkedin", app.linkedin},
      {"github", app.github},
      {"ip_address", app.ip_address},
      {"date_of_birth", app.date_of_birth ? FormatDate(*app.date_of_birth) : std::string()},
      {"source", app.source},
      {"application_id", app.application_id},
      {"name full", app.name.full},
  };
  for (const std::string& token : app.name.tokens) {
    if (token.size() >= 3) out.push_back({"name token", token});
  }
  for (const std::string& word : Words(record.full_name, 3)) out.push_back({"name word", word});
  for (const std::string& word : Words(record.resume_text, 6)) out.push_back({"resume word", word});
  std::erase_if(out, [](const Leaked& leaked) { return leaked.value.empty(); });
  return out;
}

Submission Encoded(const SubmissionEncoder& encoder, const std::vector<ApplicationRecord>& records,
                   const std::vector<NormalizedApplication>& apps) {
  Submission submission{"acme-corp", encoder.epoch(), encoder.key_id(), {}};
  for (std::size_t idx = 0; idx < apps.size(); ++idx) {
    submission.records.push_back(encoder.Encode(apps[idx], records[idx]));
  }
  return submission;
}

void ExpectSameRecord(const ConsortiumRecord& left, const ConsortiumRecord& right) {
  EXPECT_EQ(left.handle, right.handle);
  EXPECT_EQ(left.submitted_hour, right.submitted_hour);
  EXPECT_EQ(left.tokens, right.tokens);
  EXPECT_EQ(left.name_keys, right.name_keys);
  EXPECT_EQ(left.photo_bands, right.photo_bands);
  EXPECT_EQ(left.resume_bins, right.resume_bins);
  EXPECT_EQ(left.line_type, right.line_type);
  EXPECT_EQ(left.ip_kind, right.ip_kind);
  EXPECT_EQ(left.ip_anonymous, right.ip_anonymous);
  EXPECT_EQ(left.ip_country, right.ip_country);
  EXPECT_EQ(left.country, right.country);
  EXPECT_EQ(left.ships_elsewhere, right.ships_elsewhere);
  EXPECT_EQ(left.idv_status, right.idv_status);
  EXPECT_EQ(left.interview_flags, right.interview_flags);
  EXPECT_EQ(left.stage, right.stage);
}

TEST(SubmissionEncoder, NormalizesEveryFixtureField) {
  // The leak test below is only as strong as its input: every identifier must survive
  // normalization, or the encoder would have nothing to leak.
  const std::vector<ApplicationRecord> records = AllRecords();
  IssueLog issues;
  const std::vector<NormalizedApplication> apps = Normalize(records, &issues);
  for (const Issue& issue : issues.issues()) ADD_FAILURE() << issue.code << " " << issue.message;
  const SubmissionEncoder encoder(CountingKey(), std::string(kEpoch));
  for (std::size_t idx = 0; idx < apps.size(); ++idx) {
    SCOPED_TRACE(records[idx].application_id);
    const ConsortiumRecord record = encoder.Encode(apps[idx], records[idx]);
    std::set<TokenKind> kinds;
    for (const auto& [kind, token] : record.tokens) kinds.insert(kind);
    for (TokenKind kind :
         {TokenKind::kEmail, TokenKind::kPhone, TokenKind::kNationalId, TokenKind::kPayoutAccount,
          TokenKind::kDevice, TokenKind::kHomeAddress, TokenKind::kLinkedin, TokenKind::kGithub,
          TokenKind::kIp, TokenKind::kBirthDate}) {
      EXPECT_TRUE(kinds.count(kind)) << "no " << TokenKindName(kind) << " token";
    }
    EXPECT_EQ(kinds.count(TokenKind::kShippingAddress),
              records[idx].shipping_address.empty() ? 0u : 1u);
    EXPECT_EQ(kinds.count(TokenKind::kAgency),
              records[idx].source.starts_with("agency:") ? 1u : 0u);
    EXPECT_FALSE(record.name_keys.empty());
    EXPECT_EQ(record.photo_bands.size(), static_cast<std::size_t>(kPhotoBands));
    EXPECT_EQ(record.resume_bins.size(), static_cast<std::size_t>(kResumeBins));
    EXPECT_TRUE(record.submitted_hour.has_value());
    // Tokens: in kind order, at most one per kind.
    for (std::size_t slot = 1; slot < record.tokens.size(); ++slot) {
      EXPECT_LT(record.tokens[slot - 1].first, record.tokens[slot].first);
    }
  }
}

TEST(SubmissionEncoder, SerializedSubmissionHoldsNoInputValue) {
  const std::vector<ApplicationRecord> records = AllRecords();
  const std::vector<NormalizedApplication> apps = Normalize(records, nullptr);
  const SubmissionEncoder encoder(CountingKey(), std::string(kEpoch));
  const std::string raw_bytes = SerializeSubmission(Encoded(encoder, records, apps));
  const std::string bytes = Lower(raw_bytes);

  // The search finds what is there: the header carries the company id and epoch in clear.
  ASSERT_NE(bytes.find("acme-corp"), std::string::npos);
  ASSERT_NE(bytes.find(kEpoch), std::string::npos);

  for (std::size_t idx = 0; idx < apps.size(); ++idx) {
    for (const Leaked& leaked : SecretsOf(records[idx], apps[idx])) {
      SCOPED_TRACE(records[idx].application_id + " " + leaked.field + " '" + leaked.value + "'");
      EXPECT_EQ(bytes.find(Lower(leaked.value)), std::string::npos);
    }
    // Nor the 64-bit photo hash as raw bytes, in either byte order.
    ASSERT_TRUE(apps[idx].photo_hash.has_value());
    std::uint64_t hash = *apps[idx].photo_hash;
    for (int order = 0; order < 2; ++order) {
      SCOPED_TRACE(records[idx].application_id + " photo hash bytes, order " +
                   std::to_string(order));
      const std::string raw(reinterpret_cast<const char*>(&hash), sizeof hash);
      EXPECT_EQ(raw_bytes.find(raw), std::string::npos);
      hash = std::byteswap(hash);
    }
  }
}

TEST(SubmissionEncoder, IsDeterministicPerKeyAndEpoch) {
  const std::vector<ApplicationRecord> records = AllRecords();
  const std::vector<NormalizedApplication> apps = Normalize(records, nullptr);
  const SubmissionEncoder encoder(CountingKey(), std::string(kEpoch));
  const SubmissionEncoder same(CountingKey(), std::string(kEpoch));
  struct Variant {
    const char* name;
    ConsortiumKey key;
    std::string epoch;
  } variants[] = {
      {"other epoch", CountingKey(), "2027-01"},
      {"other key", OtherKey(), std::string(kEpoch)},
  };
  for (std::size_t idx = 0; idx < apps.size(); ++idx) {
    SCOPED_TRACE(records[idx].application_id);
    const ConsortiumRecord first = encoder.Encode(apps[idx], records[idx]);
    {
      SCOPED_TRACE("same encoder twice");
      ExpectSameRecord(first, encoder.Encode(apps[idx], records[idx]));
    }
    {
      SCOPED_TRACE("a second encoder of the same key and epoch");
      ExpectSameRecord(first, same.Encode(apps[idx], records[idx]));
    }
    for (const Variant& variant : variants) {
      SCOPED_TRACE(variant.name);
      const SubmissionEncoder other(variant.key, variant.epoch);
      const ConsortiumRecord changed = other.Encode(apps[idx], records[idx]);
      EXPECT_NE(changed.handle, first.handle);
      ASSERT_EQ(changed.tokens.size(), first.tokens.size());
      for (std::size_t slot = 0; slot < first.tokens.size(); ++slot) {
        SCOPED_TRACE(TokenKindName(first.tokens[slot].first));
        EXPECT_EQ(changed.tokens[slot].first, first.tokens[slot].first);
        EXPECT_NE(changed.tokens[slot].second, first.tokens[slot].second);
      }
      for (const NameKey& key : changed.name_keys) {
        EXPECT_EQ(std::count(first.name_keys.begin(), first.name_keys.end(), key), 0);
      }
      ASSERT_EQ(changed.photo_bands.size(), first.photo_bands.size());
      for (std::size_t band = 0; band < first.photo_bands.size(); ++band) {
        EXPECT_NE(changed.photo_bands[band], first.photo_bands[band]) << "photo band " << band;
      }
      ASSERT_EQ(changed.resume_bins.size(), first.resume_bins.size());
      for (std::size_t band = 0; band < first.resume_bins.size(); ++band) {
        EXPECT_NE(changed.resume_bins[band], first.resume_bins[band]) << "resume band " << band;
      }
    }
  }
  EXPECT_EQ(encoder.key_id(), same.key_id());
  EXPECT_NE(encoder.key_id(), SubmissionEncoder(OtherKey(), std::string(kEpoch)).key_id());
  EXPECT_EQ(encoder.key_id(), SubmissionEncoder(CountingKey(), "2027-01").key_id());
}

TEST(SubmissionEncoder, EncodesEachRecordOnItsOwn) {
  const std::vector<ApplicationRecord> records = AllRecords();
  const std::vector<NormalizedApplication> apps = Normalize(records, nullptr);
  for (std::size_t idx = 0; idx < apps.size(); ++idx) {
    SCOPED_TRACE(records[idx].application_id);
    // Alone: a fresh encoder, the row normalized on its own.
    const SubmissionEncoder fresh(CountingKey(), std::string(kEpoch));
    const std::vector<ApplicationRecord> alone_records = {records[idx]};
    const std::vector<NormalizedApplication> alone = Normalize(alone_records, nullptr);
    const ConsortiumRecord expected = fresh.Encode(alone[0], alone_records[0]);
    // After the others, in reverse order, on an encoder that has already been used.
    const SubmissionEncoder used(CountingKey(), std::string(kEpoch));
    for (std::size_t other = apps.size(); other-- > 0;) {
      if (other != idx) static_cast<void>(used.Encode(apps[other], records[other]));
    }
    ExpectSameRecord(used.Encode(apps[idx], records[idx]), expected);
  }
}

TEST(SubmissionEncoder, BindsNameKeysToIdentifiers) {
  // Each case: two applicants, a name each, and the identifiers they have in common.
  struct Case {
    const char* name;
    const char* left_name;
    const char* right_name;
    void (*share)(ApplicationRecord& left, ApplicationRecord& right);
    bool share_whole;  // share a whole-name ('f') key
    bool share_any;    // share any name key
  } cases[] = {
      {"same name, nothing in common", "Elena Petrova", "Elena Petrova",
       [](ApplicationRecord&, ApplicationRecord&) {}, false, false},
      {"same name, same IP only (IPs do not bind)", "Elena Petrova", "Elena Petrova",
       [](ApplicationRecord& l, ApplicationRecord& r) { r.ip_address = l.ip_address; }, false,
       false},
      {"same name, same agency only (agencies do not bind)", "Elena Petrova", "Elena Petrova",
       [](ApplicationRecord& l, ApplicationRecord& r) { r.source = l.source; }, false, false},
      {"same name, same e-mail", "Elena Petrova", "Elena Petrova",
       [](ApplicationRecord& l, ApplicationRecord& r) { r.email = l.email; }, true, true},
      {"same name, same date of birth", "Elena Petrova", "Elena Petrova",
       [](ApplicationRecord& l, ApplicationRecord& r) {
         r.date_of_birth = l.date_of_birth;
         r.date_of_birth_parsed = l.date_of_birth_parsed;
       },
       true, true},
      {"nickname, same phone", "Daniel Walker", "Danny Walker",
       [](ApplicationRecord& l, ApplicationRecord& r) {
         r.phone = l.phone;
         r.country = l.country;
       },
       true, true},
      {"family-first order, same phone", "Walker, Daniel", "Daniel Walker",
       [](ApplicationRecord& l, ApplicationRecord& r) {
         r.phone = l.phone;
         r.country = l.country;
       },
       true, true},
      {"different names, same e-mail", "Elena Petrova", "Marcus Holloway",
       [](ApplicationRecord& l, ApplicationRecord& r) { r.email = l.email; }, false, false},
  };
  const SubmissionEncoder encoder(CountingKey(), std::string(kEpoch));
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    // Two applicants with nothing in common but what the case shares.
    ApplicationRecord left = RecordOf(kPeople[0]);
    ApplicationRecord right = RecordOf(kPeople[1]);
    left.full_name = c.left_name;
    right.full_name = c.right_name;
    left.resume_text.clear();
    right.resume_text.clear();
    c.share(left, right);
    const std::vector<ApplicationRecord> records = {left, right};
    const std::vector<NormalizedApplication> apps = Normalize(records, nullptr);
    const ConsortiumRecord a = encoder.Encode(apps[0], records[0]);
    const ConsortiumRecord b = encoder.Encode(apps[1], records[1]);
    ASSERT_FALSE(a.name_keys.empty());
    ASSERT_FALSE(b.name_keys.empty());
    bool whole = false, any = false;
    for (const NameKey& key : a.name_keys) {
      if (std::count(b.name_keys.begin(), b.name_keys.end(), key) == 0) continue;
      any = true;
      if (key.kind == NameKeyKind::kWhole || key.kind == NameKeyKind::kIdentityWhole) whole = true;
    }
    EXPECT_EQ(whole, c.share_whole);
    EXPECT_EQ(any, c.share_any);
    // Name keys are sorted and distinct, as the record promises.
    for (const ConsortiumRecord* record : {&a, &b}) {
      for (std::size_t slot = 1; slot < record->name_keys.size(); ++slot) {
        EXPECT_LT(record->name_keys[slot - 1].key, record->name_keys[slot].key);
      }
    }
  }
}

TEST(SubmissionEncoder, PhotoBandsFollowHammingDistance) {
  struct Case {
    const char* name;
    std::uint64_t base;
    std::uint64_t flip;
    int distance;  // popcount(flip), checked below
    int min_shared;
    int max_shared;
  } cases[] = {
      {"identical", 0x8f3a00ff12c4e5d6ULL, 0, 0, kPhotoBands, kPhotoBands},
      {"identical, other photo", 0x0123456789abcdefULL, 0, 0, kPhotoBands, kPhotoBands},
      {"4 bits apart", 0x8f3a00ff12c4e5d6ULL, 0x0100200004000080ULL, 4, 3, kPhotoBands},
      {"4 bits apart, other photo", 0x0123456789abcdefULL, 0x8000000100010001ULL, 4, 3,
       kPhotoBands},
      {"32 bits apart, alternating", 0x8f3a00ff12c4e5d6ULL, 0xaaaaaaaaaaaaaaaaULL, 32, 0, 1},
      {"32 bits apart, nibbles", 0x0123456789abcdefULL, 0xf0f0f0f0f0f0f0f0ULL, 32, 0, 1},
      {"32 bits apart, scattered", 0x5d1c3b7a9e0f2468ULL, 0x9c3e51a7d20b64f8ULL, 32, 0, 1},
  };
  const SubmissionEncoder encoder(CountingKey(), std::string(kEpoch));
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_EQ(std::popcount(c.flip), c.distance);
    NormalizedApplication left, right;
    left.photo_hash = c.base;
    right.photo_hash = c.base ^ c.flip;
    const ConsortiumRecord a = encoder.Encode(left, ApplicationRecord{});
    const ConsortiumRecord b = encoder.Encode(right, ApplicationRecord{});
    ASSERT_EQ(a.photo_bands.size(), static_cast<std::size_t>(kPhotoBands));
    ASSERT_EQ(b.photo_bands.size(), static_cast<std::size_t>(kPhotoBands));
    int shared = 0;
    for (std::size_t band = 0; band < a.photo_bands.size(); ++band) {
      if (a.photo_bands[band] == b.photo_bands[band]) ++shared;
    }
    EXPECT_GE(shared, c.min_shared);
    EXPECT_LE(shared, c.max_shared);
  }
  // No photo, no bands.
  EXPECT_TRUE(encoder.Encode(NormalizedApplication{}, ApplicationRecord{}).photo_bands.empty());
}

TEST(SubmissionEncoder, HandleIsTheRecordHandle) {
  const std::vector<ApplicationRecord> records = AllRecords();
  const std::vector<NormalizedApplication> apps = Normalize(records, nullptr);
  const SubmissionEncoder encoder(CountingKey(), std::string(kEpoch));
  std::set<Token> handles;
  for (std::size_t idx = 0; idx < apps.size(); ++idx) {
    SCOPED_TRACE(records[idx].application_id);
    const ConsortiumRecord record = encoder.Encode(apps[idx], records[idx]);
    EXPECT_EQ(record.handle, encoder.Handle(records[idx].company_id, records[idx].application_id));
    // The same id at another company is another handle.
    EXPECT_NE(record.handle, encoder.Handle("zeta-co", records[idx].application_id));
    handles.insert(record.handle);
  }
  EXPECT_EQ(handles.size(), apps.size());
  // Company and id are separated: ("ab", "c") and ("a", "bc") differ.
  EXPECT_NE(encoder.Handle("ab", "c"), encoder.Handle("a", "bc"));
}

}  // namespace
}  // namespace crosscheck::share
