// Confirmed fraud as a STIX 2.1 bundle, for sharing with an ISAC, a partner's MISP or OpenCTI,
// or the authorities (GET /v1/export/stix of `crosscheck serve`). Per confirmed persona: a
// threat-actor (the names it applied under as aliases; phones, payout accounts, devices and
// the application ids as x_crosscheck_ properties, for which STIX has no observable), one
// indicator per e-mail address, IP address and profile URL (patterns `crosscheck scan
// --indicators` reads back), each tied to the threat-actor by an "indicates" relationship; all
// created by one identity, the producing company. Each persona is also sighted by the producer
// (count: its applications) and related-to, as suspected, the threat-actor the public MISP
// galaxy names for the scheme ("WageMole", under the galaxy's uuid). Ids are derived from the content (UUIDv5
// layout over SHA-256), so exporting twice gives the same ids. Valid against the official
// schemas (tests/tools/validate_stix.py). Keyed (BundleKeying), no raw identifier leaves: the
// threat-actor carries the consortium tokens of its identifiers instead, and no indicator is
// written (a pattern holds a raw value).
//
//   std::string bundle = RenderConfirmedFraudBundle(personas, "Acme Corp", "2026-12-06T17:00:00Z");
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "crosscheck/share/consortium_record.h"
#include "crosscheck/share/key_file.h"

namespace crosscheck::share {

// ConfirmedPersona is one persona a reviewer confirmed as fraud (or a scan flagged), with what
// it applied with.
struct ConfirmedPersona {
  std::string persona_id;                     // crosscheck's persona id
  std::vector<std::string> application_ids;
  std::vector<std::string> names;             // as applied
  std::vector<std::string> emails;            // as applied, lower-cased
  std::vector<std::string> ip_addresses;
  std::vector<std::string> profile_urls;      // https://www.linkedin.com/in/..., https://github.com/...
  std::vector<std::string> phones;            // E.164
  std::vector<std::string> payout_accounts;
  std::vector<std::string> device_ids;
  std::string confirmed_by;                   // the reviewer
  std::string confirmed_at;                   // ISO 8601 UTC, "2026-12-06T17:00:00Z"
  std::string note;                           // the reviewer's note
  // "" when a reviewer confirmed it; "high" or "critical" when a scan flagged its network
  // (`scan --stix-out`), the hub's level when the hub's findings name it (its TAXII): the
  // objects then say "flagged", not "confirmed".
  std::string flagged_level;
  // Who flagged it, for the description ("Flagged critical by a crosscheck scan").
  std::string flagged_by = "a crosscheck scan";
  // The scan's network (`scan --stix-out`); the personas of one network are listed in one
  // report with their indicators and relationships. "" for none.
  std::string network_id;
  // The normalized values as SubmissionEncoder hashes them (canonical e-mail, E.164, handles,
  // ...), each once: what a keyed export turns into tokens.
  std::vector<std::pair<TokenKind, std::string>> token_values;
};

// BundleKeying asks for a keyed bundle: tokens under the consortium key and epoch (the
// tokens of a `share encode` submission of the same rows), no raw identifier.
struct BundleKeying {
  ConsortiumKey key;
  std::string epoch;
};

// RenderConfirmedFraudBundle renders the bundle (JSON text). `producer` names the company
// (the identity every object is created by); `now` (ISO 8601 UTC) dates the identity and the
// bundle's id. Values are escaped for STIX patterns ('\'' and '\\'). With `keying`, the
// bundle is keyed (see the top of this file).
std::string RenderConfirmedFraudBundle(const std::vector<ConfirmedPersona>& personas, const std::string& producer,
                                       const std::string& now, const BundleKeying* keying = nullptr);

// StixId returns "<type>--<uuid>" for a name, the UUID laid out as version 5 from SHA-256 of
// "<type>|<name>". Deterministic; thread-safe.
std::string StixId(const std::string& type, const std::string& name);

}  // namespace crosscheck::share
