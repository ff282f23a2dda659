// Profile and Realism: which world `crosscheck simulate` generates. `default` is the world the
// engine was built on; `adversarial` adds the realities an independent evaluation found it weak
// on (large households and shared housing, agencies and front agencies, small cells, English
// given names, Korean 070 phones, names close to listed DPRK individuals); `sparse` is the
// adversarial world exported as a typical ATS holds it. docs/SIMULATION.md "Profiles" gives every
// range and its source.
//
//   CC_ASSIGN_OR_RETURN(Profile profile, ParseProfile("adversarial"));
//   const Realism realism = DrawRealism(profile, /*seed=*/7);  // rates of this seed's world
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "crosscheck/common/error.h"

namespace crosscheck::simulate {

// Profile names a family of worlds.
enum class Profile : std::uint8_t { kDefault, kAdversarial, kSparse };

// ParseProfile reads "default", "adversarial" or "sparse"; kInvalidInput for anything else.
Result<Profile> ParseProfile(std::string_view text);

// ProfileName returns the name ParseProfile reads.
std::string_view ProfileName(Profile profile);

// Realism holds the rates one world is generated with. The default member values are the
// default world's (so that world stays byte-identical); DrawRealism draws the other profiles'
// rates from documented ranges, per seed, so no detector can be tuned to one constant.
struct Realism {
  Profile profile = Profile::kDefault;

  // Legitimate staffing agencies: share of people with one, and of agencies that put their own
  // inbox and office phone on candidates.
  double agency_share = 0.09;
  double agency_own_contact = 0.3;

  // Operations' front agencies: share of operations with one; each such operation submits
  // front_rate_low + front_rate_span * U of its applications through it.
  double front_operation_share = 0.5;
  double front_rate_low = 0.1;
  double front_rate_span = 0.25;
  // Adversarial only: share of front submissions sent from the front's office NAT, and with the
  // front's inbox and phone instead of the persona's.
  double front_office_ip = 0;
  double front_contact = 0;

  // Adversarial only: households of 5-8 applicants (families and shared housing).
  double large_household_people = 0;               // share of legitimate people living in one
  std::array<double, 4> large_size_weights = {};  // weights of sizes 5, 6, 7, 8
  double flatmate_share = 0;                       // large households of unrelated flatmates
  double household_line = 0;                       // large households with a shared home line
  double household_line_use = 0;                   // applications of a member giving it
  double family_computer = 0;                      // large households with a shared computer
  double household_parent_mobile = 0;              // large families whose children give a parent's mobile

  // Adversarial only: small cells (3-4 personas sharing phone, device, payout, IP, address),
  // counted per 130 personas of the world.
  int cells_per_130_personas = 0;

  // Adversarial only: names and phones.
  double extra_english_name = 0;   // East Asian people who (also) use an adopted English name
  double kr_internet_phone = 0;    // Korean residents giving a 070 internet phone
  double near_listed_korean = 0;   // Korean-tradition people with a name close to a listed one
  double near_listed_chinese = 0;  // Chinese-tradition people likewise

  // Sparse only: the export holds ATS fields only (no device, photo, national id, date of
  // birth), and keeps IP addresses at this share of companies (of those that collect them).
  bool ats_only = false;
  double ip_company_share = 1.0;

  // adversarial() says whether the adversarial realities are generated (adversarial, sparse).
  bool adversarial() const { return profile != Profile::kDefault; }
};

// DrawRealism returns the rates of the world of `profile` and `seed`. Deterministic. kSparse
// draws exactly the rates kAdversarial draws for the same seed (its world is the adversarial
// world with columns left empty) plus ip_company_share.
Realism DrawRealism(Profile profile, std::uint64_t seed);

// DescribeRealism returns one "name value" line per rate of a non-default profile (for the CLI
// summary); empty for the default profile.
std::string DescribeRealism(const Realism& realism);

}  // namespace crosscheck::simulate
