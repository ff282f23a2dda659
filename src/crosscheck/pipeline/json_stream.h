// JsonStream appends a JSON document to a string as it is produced, in the exact layout of
// nlohmann::json::dump(2). report.json of a large world is tens of megabytes; building it as a
// DOM first cost about a second of the scan, streaming it costs a tenth of that.
//
//   std::string text;
//   JsonStream json(text);
//   json.BeginObject();
//   json.Key("tool");  json.String("crosscheck");
//   json.Key("codes"); json.BeginArray(); json.String("A"); json.EndArray();
//   json.EndObject();
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace crosscheck::pipeline {

class JsonStream {
 public:
  explicit JsonStream(std::string& out) : out_(out) {}

  // Containers nest; every Begin needs its End. Inside an object, Key precedes each value.
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void Key(std::string_view key);

  void String(std::string_view value);
  void Integer(std::int64_t value);
  void Unsigned(std::uint64_t value);
  // Shortest text that reads back as the same double, as nlohmann writes it; NaN and
  // infinities become null.
  void Double(double value);
  void StringArray(const std::vector<std::string>& values);

  // Key and value in one call, for the members of an object.
  void StringField(std::string_view key, std::string_view value) { Key(key); String(value); }
  void IntegerField(std::string_view key, std::int64_t value) { Key(key); Integer(value); }
  void UnsignedField(std::string_view key, std::uint64_t value) { Key(key); Unsigned(value); }
  void DoubleField(std::string_view key, double value) { Key(key); Double(value); }
  void StringArrayField(std::string_view key, const std::vector<std::string>& values) {
    Key(key);
    StringArray(values);
  }

 private:
  void BeforeValue();
  void Open(char bracket);
  void Close(char bracket);
  void Indent(std::size_t level);
  void AppendEscaped(std::string_view text);

  std::string& out_;
  // One entry per open container: whether it already holds an element.
  std::vector<bool> has_elements_;
  bool after_key_ = false;
};

}  // namespace crosscheck::pipeline
