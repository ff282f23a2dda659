#include "crosscheck/pipeline/json_stream.h"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <random>

namespace crosscheck::pipeline {
namespace {

// Writes `value` through JsonStream the way report_writer does, walking an nlohmann tree.
void Stream(const nlohmann::ordered_json& value, JsonStream& json) {
  switch (value.type()) {
    case nlohmann::ordered_json::value_t::object:
      json.BeginObject();
      for (const auto& [key, member] : value.items()) {
        json.Key(key);
        Stream(member, json);
      }
      json.EndObject();
      break;
    case nlohmann::ordered_json::value_t::array:
      json.BeginArray();
      for (const auto& element : value) Stream(element, json);
      json.EndArray();
      break;
    case nlohmann::ordered_json::value_t::string: json.String(value.get<std::string>()); break;
    case nlohmann::ordered_json::value_t::number_integer: json.Integer(value.get<std::int64_t>()); break;
    case nlohmann::ordered_json::value_t::number_unsigned: json.Unsigned(value.get<std::uint64_t>()); break;
    case nlohmann::ordered_json::value_t::number_float: json.Double(value.get<double>()); break;
    default: FAIL() << "type not used by the reports";
  }
}

std::string Streamed(const nlohmann::ordered_json& value) {
  std::string text;
  JsonStream json(text);
  Stream(value, json);
  return text;
}

TEST(JsonStream, MatchesNlohmannDumpOnHandPickedValues) {
  const std::vector<nlohmann::ordered_json> cases = {
      nlohmann::ordered_json::object(),
      nlohmann::ordered_json::array(),
      {{"empty_object", nlohmann::ordered_json::object()}, {"empty_array", nlohmann::ordered_json::array()}},
      {{"text", "quote \" backslash \\ tab \t newline \n cr \r bs \b ff \f bell \x07 del \x7f"}},
      {{"utf8", "김민준 Zoë 伊藤大輝 🙂"}, {"ctrl", std::string("a\x01z\x1f", 4)}},
      {{"doubles", {0.1, 3.0, -0.0, 1e-05, 1e20, 123456789012345678.0, 2.7641989134309557, -1.5e-300}}},
      {{"ints", {0, -1, std::numeric_limits<std::int64_t>::min()}},
       {"unsigned", std::numeric_limits<std::uint64_t>::max()}},
      {{"nested", {{{"a", {1, {{"b", nlohmann::ordered_json::array()}}}}}}}},
  };
  for (const auto& value : cases) {
    SCOPED_TRACE(value.dump());
    EXPECT_EQ(Streamed(value), value.dump(2));
  }
}

TEST(JsonStream, NonFiniteDoublesBecomeNull) {
  std::string text;
  JsonStream json(text);
  json.BeginArray();
  json.Double(std::numeric_limits<double>::quiet_NaN());
  json.Double(std::numeric_limits<double>::infinity());
  json.EndArray();
  EXPECT_EQ(text, "[\n  null,\n  null\n]");
}

nlohmann::ordered_json RandomValue(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> kind(0, depth > 3 ? 3 : 5);
  switch (kind(rng)) {
    case 0: {
      std::string text;
      const int length = std::uniform_int_distribution<int>(0, 12)(rng);
      for (int i = 0; i < length; ++i) text += static_cast<char>(std::uniform_int_distribution<int>(1, 127)(rng));
      return text;
    }
    case 1: return std::uniform_int_distribution<std::int64_t>(-1'000'000, 1'000'000)(rng);
    case 2: return std::uniform_int_distribution<std::uint64_t>()(rng);
    case 3: return std::normal_distribution<double>(0, 1e3)(rng) * std::pow(10.0, std::uniform_int_distribution<int>(-12, 12)(rng));
    case 4: {
      nlohmann::ordered_json object = nlohmann::ordered_json::object();
      const int size = std::uniform_int_distribution<int>(0, 4)(rng);
      for (int i = 0; i < size; ++i) object["k" + std::to_string(i)] = RandomValue(rng, depth + 1);
      return object;
    }
    default: {
      nlohmann::ordered_json array = nlohmann::ordered_json::array();
      const int size = std::uniform_int_distribution<int>(0, 4)(rng);
      for (int i = 0; i < size; ++i) array.push_back(RandomValue(rng, depth + 1));
      return array;
    }
  }
}

TEST(JsonStream, MatchesNlohmannDumpOnRandomDocuments) {
  std::mt19937 rng(20261124);
  for (int round = 0; round < 500; ++round) {
    const nlohmann::ordered_json value = RandomValue(rng, 0);
    SCOPED_TRACE(value.dump());
    ASSERT_EQ(Streamed(value), value.dump(2));
  }
}

}  // namespace
}  // namespace crosscheck::pipeline
