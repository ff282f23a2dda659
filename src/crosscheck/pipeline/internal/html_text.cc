#include "crosscheck/pipeline/internal/html_text.h"

#include <array>
#include <cstdio>

namespace crosscheck::pipeline::internal {
namespace {

struct KindLook {
  std::string_view kind;
  const char* colour;
  char glyph;
};

// One distinct hue per kind that the drawings can show side by side (after Okabe & Ito's
// colour-blind-safe palette where it reaches), with a letter as a second cue.
constexpr std::array<KindLook, 13> kKinds = {{{"phone", "#0072b2", 'P'},
                                              {"email", "#56b4e9", 'E'},
                                              {"device", "#9c36b5", 'D'},
                                              {"payout_account", "#c92a2a", '$'},
                                              {"shipping_address", "#e69f00", 'S'},
                                              {"home_address", "#8a6100", 'H'},
                                              {"national_id", "#5f3dc4", 'N'},
                                              {"github", "#212529", 'G'},
                                              {"linkedin", "#0b7285", 'L'},
                                              {"photo", "#009e73", 'F'},
                                              {"resume", "#2b8a3e", 'R'},
                                              {"ip", "#868e96", 'I'},
                                              {"other", "#495057", '?'}}};

const KindLook& LookOf(std::string_view kind) {
  for (const KindLook& look : kKinds) {
    if (look.kind == kind) return look;
  }
  return kKinds.back();
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string FixedNumber(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string LevelScoreBadge(std::string_view level, int score) {
  const std::string name = EscapeHtml(level);
  return "<span class=\"lvl " + name + "\">" + name + " " + std::to_string(score) + "</span>";
}

std::string KindClass(std::string_view kind) { return "k-" + std::string(LookOf(kind).kind); }

char KindGlyph(std::string_view kind) { return LookOf(kind).glyph; }

std::string KindStyles() {
  std::string css;
  for (const KindLook& look : kKinds) {
    const std::string name(look.kind);
    css += "line.k-" + name + "{stroke:" + look.colour + "}rect.k-" + name + "{fill:" + look.colour +
           "}.chip.k-" + name + " i{background:" + look.colour + "}";
  }
  return css;
}

std::string KindChip(std::string_view kind, std::size_t count) {
  std::string chip = "<span class=\"chip " + KindClass(kind) + "\"><i>" + std::string(1, KindGlyph(kind)) +
                     "</i>" + EscapeHtml(kind);
  if (count > 0) chip += " ×" + std::to_string(count);
  return chip + "</span>";
}

}  // namespace crosscheck::pipeline::internal
