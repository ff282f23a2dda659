#include "crosscheck/simulate/profile.h"

#include <cstdio>

#include "crosscheck/simulate/random.h"

namespace crosscheck::simulate {
namespace {

// Between draws a value uniformly from [low, high].
double Between(Rng& rng, double low, double high) { return low + (high - low) * rng.Uniform(); }

void AppendLine(std::string& out, std::string_view name, double value) {
  char text[96];
  std::snprintf(text, sizeof text, "%-26s %.3f\n", std::string(name).c_str(), value);
  out += text;
}

}  // namespace

Result<Profile> ParseProfile(std::string_view text) {
  for (Profile profile : {Profile::kDefault, Profile::kAdversarial, Profile::kSparse}) {
    if (text == ProfileName(profile)) return profile;
  }
  return InvalidInput("--profile must be default, adversarial or sparse, not '" + std::string(text) + "'");
}

std::string_view ProfileName(Profile profile) {
  switch (profile) {
    case Profile::kAdversarial: return "adversarial";
    case Profile::kSparse: return "sparse";
    default: return "default";
  }
}

Realism DrawRealism(Profile profile, std::uint64_t seed) {
  Realism realism;
  realism.profile = profile;
  if (profile == Profile::kDefault) return realism;
  // One stream for the adversarial rates, so sparse (below) gets exactly the same ones.
  // The ranges and their sources are in docs/SIMULATION.md "Profiles".
  Rng rng(DeriveSeed(seed, "realism", 0));
  // Staffing: the default 9% is the floor; IT contracting runs largely through agencies (A14).
  realism.agency_share = Between(rng, 0.08, 0.20);
  realism.agency_own_contact = Between(rng, 0.3, 0.7);
  // Front companies and staffing firms are documented tradecraft (A14, F2): from half of the
  // operations to all of them, up to half of an operation's applications.
  realism.front_operation_share = Between(rng, 0.5, 1.0);
  realism.front_rate_span = Between(rng, 0.2, 0.4);
  realism.front_office_ip = Between(rng, 0.5, 0.9);
  realism.front_contact = Between(rng, 0.3, 0.8);
  // Households of five or more hold about a fifth of US residents (Census CPS 2023) and more in
  // India, the Philippines, Nigeria; only some members of one apply in the same years.
  realism.large_household_people = Between(rng, 0.03, 0.10);
  const double decay = Between(rng, 0.35, 0.75);  // CPS 2023: 6-person / 5-person ~0.37
  for (std::size_t size_idx = 0; size_idx < realism.large_size_weights.size(); ++size_idx) {
    realism.large_size_weights[size_idx] = size_idx == 0 ? 1.0 : realism.large_size_weights[size_idx - 1] * decay;
  }
  realism.flatmate_share = Between(rng, 0.25, 0.6);
  realism.household_line = Between(rng, 0.3, 0.7);
  realism.household_line_use = Between(rng, 0.1, 0.4);
  realism.family_computer = Between(rng, 0.3, 0.7);
  // Cells of three or four (Jan 2025 indictment: two workers, three facilitators; section 2.2).
  realism.cells_per_130_personas = static_cast<int>(rng.Range(2, 6));
  realism.extra_english_name = Between(rng, 0.1, 0.3);
  // 070 numbers are the ordinary home phone of internet-TV-phone bundles in Korea.
  realism.kr_internet_phone = Between(rng, 0.05, 0.2);
  // Kim, Lee/Ri and Park/Pak are ~45% of Korean surnames; given syllables repeat a lot.
  realism.near_listed_korean = Between(rng, 0.03, 0.10);
  realism.near_listed_chinese = Between(rng, 0.01, 0.04);
  // Adult children giving a parent's mobile besides their own (a second number shared under one
  // roof beside a home line). Its own stream: the draws above stay as they were.
  Rng parent_rng(DeriveSeed(seed, "realism-parent-mobile", 0));
  realism.household_parent_mobile = Between(parent_rng, 0.1, 0.5);
  if (profile == Profile::kSparse) {
    Rng export_rng(DeriveSeed(seed, "realism-export", 0));
    realism.ats_only = true;
    // Greenhouse, Lever and Workday exports hold no submission IP; some career sites log it.
    // Of the companies keeping it, 75% collect it at all: 19-34% of companies carry IPs.
    realism.ip_company_share = Between(export_rng, 0.25, 0.45);
  }
  return realism;
}

std::string DescribeRealism(const Realism& realism) {
  std::string out;
  if (!realism.adversarial()) return out;
  AppendLine(out, "agency_share", realism.agency_share);
  AppendLine(out, "agency_own_contact", realism.agency_own_contact);
  AppendLine(out, "front_operation_share", realism.front_operation_share);
  AppendLine(out, "front_rate_max", realism.front_rate_low + realism.front_rate_span);
  AppendLine(out, "front_office_ip", realism.front_office_ip);
  AppendLine(out, "front_contact", realism.front_contact);
  AppendLine(out, "large_household_people", realism.large_household_people);
  AppendLine(out, "large_size_decay", realism.large_size_weights[1]);
  AppendLine(out, "flatmate_share", realism.flatmate_share);
  AppendLine(out, "household_line", realism.household_line);
  AppendLine(out, "household_line_use", realism.household_line_use);
  AppendLine(out, "family_computer", realism.family_computer);
  AppendLine(out, "household_parent_mobile", realism.household_parent_mobile);
  AppendLine(out, "cells_per_130_personas", realism.cells_per_130_personas);
  AppendLine(out, "extra_english_name", realism.extra_english_name);
  AppendLine(out, "kr_internet_phone", realism.kr_internet_phone);
  AppendLine(out, "near_listed_korean", realism.near_listed_korean);
  AppendLine(out, "near_listed_chinese", realism.near_listed_chinese);
  if (realism.ats_only) AppendLine(out, "ip_company_share", realism.ip_company_share);
  return out;
}

}  // namespace crosscheck::simulate
