#include "crosscheck/pipeline/json_stream.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace crosscheck::pipeline {

void JsonStream::Indent(std::size_t level) { out_.append(2 * level, ' '); }

void JsonStream::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_elements_.empty()) return;  // the document's root
  out_ += has_elements_.back() ? ",\n" : "\n";
  has_elements_.back() = true;
  Indent(has_elements_.size());
}

void JsonStream::Open(char bracket) {
  BeforeValue();
  out_ += bracket;
  has_elements_.push_back(false);
}

void JsonStream::Close(char bracket) {
  const bool had_elements = has_elements_.back();
  has_elements_.pop_back();
  if (had_elements) {
    out_ += '\n';
    Indent(has_elements_.size());
  }
  out_ += bracket;
}

void JsonStream::BeginObject() { Open('{'); }
void JsonStream::EndObject() { Close('}'); }
void JsonStream::BeginArray() { Open('['); }
void JsonStream::EndArray() { Close(']'); }

void JsonStream::Key(std::string_view key) {
  BeforeValue();
  AppendEscaped(key);
  out_ += ": ";
  after_key_ = true;
}

void JsonStream::String(std::string_view value) {
  BeforeValue();
  AppendEscaped(value);
}

void JsonStream::Integer(std::int64_t value) {
  BeforeValue();
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out_.append(buffer, end);
}

void JsonStream::Unsigned(std::uint64_t value) {
  BeforeValue();
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  out_.append(buffer, end);
}

void JsonStream::Double(double value) {
  BeforeValue();
  // nlohmann's own formatter keeps the text identical to what the DOM writer produced
  // (its exponent and ".0" rules differ from std::to_chars).
  out_ += nlohmann::json(value).dump();
}

void JsonStream::StringArray(const std::vector<std::string>& values) {
  BeginArray();
  for (const std::string& value : values) String(value);
  EndArray();
}

// The escapes nlohmann::json::dump writes with ensure_ascii off: the two JSON specials, the
// five short control escapes, any other control character as \u00xx; UTF-8 passes through.
void JsonStream::AppendEscaped(std::string_view text) {
  out_ += '"';
  std::size_t run_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;
    out_.append(text.data() + run_start, i - run_start);
    run_start = i + 1;
    switch (byte) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out_ += "\\u00";
        out_ += kHex[byte >> 4];
        out_ += kHex[byte & 0xF];
      }
    }
  }
  out_.append(text.data() + run_start, text.size() - run_start);
  out_ += '"';
}

}  // namespace crosscheck::pipeline
