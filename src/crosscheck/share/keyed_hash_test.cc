#include "crosscheck/share/keyed_hash.h"

#include <cstdint>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <openssl/evp.h>

namespace crosscheck::share {
namespace {

std::vector<std::uint8_t> FromHex(std::string_view hex) {
  std::vector<std::uint8_t> bytes;
  for (std::size_t idx = 0; idx + 1 < hex.size(); idx += 2) {
    bytes.push_back(
        static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(idx, 2)), nullptr, 16)));
  }
  return bytes;
}

std::string ToHex(std::span<const std::uint8_t> bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const std::uint8_t byte : bytes) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0xf]);
  }
  return hex;
}

std::string Repeat(std::string_view piece, std::size_t count) {
  std::string text;
  for (std::size_t idx = 0; idx < count; ++idx) text.append(piece);
  return text;
}

// Key 0x00, 0x01, ..., 0x1f: the key of the golden values below.
ConsortiumKey CountingKey() {
  ConsortiumKey key;
  for (std::size_t idx = 0; idx < kKeyBytes; ++idx) key.bytes[idx] = static_cast<std::uint8_t>(idx);
  return key;
}

// OpenSslHmac is HMAC-SHA-256 by OpenSSL's one-shot EVP_Q_mac: the reference for KeyedHasher.
std::string OpenSslHmac(std::span<const std::uint8_t> key, std::string_view message) {
  unsigned char out[32];
  std::size_t length = 0;
  char digest[] = "SHA256";
  const unsigned char* mac =
      EVP_Q_mac(nullptr, "HMAC", nullptr, digest, nullptr, key.data(), key.size(),
                reinterpret_cast<const unsigned char*>(message.data()), message.size(), out,
                sizeof out, &length);
  EXPECT_NE(mac, nullptr);
  return ToHex(std::span<const std::uint8_t>(out, length));
}

struct HmacCase {
  const char* name;
  std::vector<std::uint8_t> key;
  std::string data;
  const char* hmac_sha256;  // the full 32 bytes as printed in the RFC
};

// RFC 4231 section 4 (case 5, output truncation to 128 bits, is what Hash does to every case).
std::vector<HmacCase> Rfc4231Cases() {
  return {
      {"case 1", std::vector<std::uint8_t>(20, 0x0b), "Hi There",
       "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
      {"case 2", FromHex("4a656665"), "what do ya want for nothing?",
       "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
      {"case 3", std::vector<std::uint8_t>(20, 0xaa), std::string(50, '\xdd'),
       "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
      {"case 4", FromHex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
       std::string(50, '\xcd'), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
      {"case 6", std::vector<std::uint8_t>(131, 0xaa),
       "Test Using Larger Than Block-Size Key - Hash Key First",
       "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
      {"case 7", std::vector<std::uint8_t>(131, 0xaa),
       "This is a test using a larger than block-size key and a larger than block-size data. The "
       "key needs to be hashed before being used by the HMAC algorithm.",
       "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
  };
}

TEST(KeyedHasher, MatchesRfc4231Vectors) {
  for (const HmacCase& test : Rfc4231Cases()) {
    SCOPED_TRACE(test.name);
    const KeyedHasher hasher(test.key);
    const std::string expected(test.hmac_sha256);
    EXPECT_EQ(TokenHex(hasher.Hash(test.data)), expected.substr(0, 32));
    EXPECT_EQ(hasher.Hash64(test.data), std::stoull(expected.substr(0, 16), nullptr, 16));
  }
}

// Key lengths around the 64-byte block and message lengths around the one-block limit (55/56
// bytes) and block multiples, against OpenSSL's own HMAC.
TEST(KeyedHasher, MatchesOpenSslHmacAtBlockBoundaries) {
  for (const std::size_t key_length : {0, 1, 16, 32, 63, 64, 65, 131, 300}) {
    std::vector<std::uint8_t> key(key_length);
    for (std::size_t idx = 0; idx < key_length; ++idx)
      key[idx] = static_cast<std::uint8_t>(idx * 7 + 1);
    const KeyedHasher hasher(key);
    for (std::size_t message_length = 0; message_length <= 200; ++message_length) {
      SCOPED_TRACE("key " + std::to_string(key_length) + " message " +
                   std::to_string(message_length));
      std::string message(message_length, '\0');
      for (std::size_t idx = 0; idx < message_length; ++idx)
        message[idx] = static_cast<char>(idx * 31);
      EXPECT_EQ(TokenHex(hasher.Hash(message)), OpenSslHmac(key, message).substr(0, 32));
    }
  }
}

TEST(KeyedHasher, IsDeterministicAndKeyed) {
  const KeyedHasher first(FromHex("00112233"));
  const KeyedHasher again(FromHex("00112233"));
  const KeyedHasher other(FromHex("00112234"));
  EXPECT_EQ(first.Hash("+14155550123"), again.Hash("+14155550123"));
  EXPECT_EQ(first.Hash("+14155550123"), first.Hash("+14155550123"));
  EXPECT_NE(first.Hash("+14155550123"), other.Hash("+14155550123"));
  EXPECT_NE(first.Hash("+14155550123"), first.Hash("+14155550124"));
}

TEST(KeyedHasher, WorksAfterMove) {
  KeyedHasher original(FromHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"));
  const Token before = original.Hash("Hi There");
  KeyedHasher moved(std::move(original));
  EXPECT_EQ(moved.Hash("Hi There"), before);
  KeyedHasher assigned(FromHex("ff"));
  assigned = std::move(moved);
  EXPECT_EQ(TokenHex(assigned.Hash("Hi There")), "b0344c61d8db38535ca8afceaf0bf12b");
}

// Hash is const and shares no scratch state: threads hashing at once get the serial results.
TEST(KeyedHasher, GivesSameTokensFromManyThreads) {
  const KeyedHasher hasher(FromHex("4a656665"));
  std::vector<std::string> messages;
  std::vector<Token> expected;
  for (int idx = 0; idx < 2000; ++idx) {
    messages.push_back("user" + std::to_string(idx) + "@example.com");
    expected.push_back(hasher.Hash(messages.back()));
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (std::size_t thread_idx = 0; thread_idx < mismatches.size(); ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      for (int round = 0; round < 5; ++round) {
        for (std::size_t idx = 0; idx < messages.size(); ++idx) {
          if (hasher.Hash(messages[idx]) != expected[idx]) ++mismatches[thread_idx];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const int count : mismatches) EXPECT_EQ(count, 0);
}

TEST(TokenHex, IsLowerCaseHex) {
  Token token{};
  token[0] = 0xab;
  token[15] = 0x0f;
  EXPECT_EQ(TokenHex(token), "ab00000000000000000000000000000f");
}

struct HkdfCase {
  const char* name;
  std::string ikm, salt, info;  // hex
  std::size_t length;
  const char* okm;
};

TEST(HkdfSha256, MatchesRfc5869Vectors) {
  const std::vector<HkdfCase> cases = {
      {"test case 1", Repeat("0b", 22), "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9", 42,
       "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
      {"test case 2",
       "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
       "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
       "404142434445464748494a4b4c4d4e4f",
       "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
       "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
       "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
       "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
       "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef"
       "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
       82,
       "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
       "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
       "cc30c58179ec3e87c14c01d5c1f3434f1d87"},
      {"test case 3 (empty salt and info)", Repeat("0b", 22), "", "", 42,
       "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
      // Not in the RFC: everything empty (Python's hmac: HMAC(HMAC(0^32, ""), 0x01)).
      {"empty input key", "", "", "", 32,
       "eb70f01dede9afafa449eee1b1286504e1f62388b3f7dd4f956697b0e828fe18"},
  };
  for (const HkdfCase& test : cases) {
    SCOPED_TRACE(test.name);
    EXPECT_EQ(ToHex(internal::HkdfSha256(FromHex(test.ikm), FromHex(test.salt), FromHex(test.info),
                                         test.length)),
              test.okm);
  }
}

// Golden values computed independently with the openssl command line (`openssl kdf ... HKDF`,
// `openssl mac ... HMAC`). Tokens already shared must keep matching: these never change.
TEST(DeriveKey, MatchesGoldenValue) {
  EXPECT_EQ(ToHex(DeriveKey(CountingKey(), "phone", "2025-q3")),
            "14fe1c8fa9dd3acf6a637c63488edb23cd8eaa41c2c4af63b1b5d4fe4e3c30e1");
  EXPECT_EQ(TokenHex(KeyedHasher::Derived(CountingKey(), "phone", "2025-q3").Hash("+14155550123")),
            "10747363183193640bc6b40873df6ce1");
}

TEST(DeriveKey, IsDeterministic) {
  EXPECT_EQ(DeriveKey(CountingKey(), "email", "2025"), DeriveKey(CountingKey(), "email", "2025"));
}

TEST(DeriveKey, GivesOneKeyPerPurposeAndEpoch) {
  ConsortiumKey other = CountingKey();
  other.bytes[31] ^= 1;
  const std::vector<std::array<std::uint8_t, 32>> keys = {
      DeriveKey(CountingKey(), "phone", "2025-q3"), DeriveKey(CountingKey(), "phone", "2025-q4"),
      DeriveKey(CountingKey(), "email", "2025-q3"), DeriveKey(CountingKey(), "phone", ""),
      DeriveKey(CountingKey(), "", "phone"),        DeriveKey(CountingKey(), "ab", "c"),
      DeriveKey(CountingKey(), "a", "bc"),          DeriveKey(other, "phone", "2025-q3"),
  };
  EXPECT_EQ(std::set(keys.begin(), keys.end()).size(), keys.size());
}

TEST(DeriveKey, MatchesDerivedHasher) {
  const std::array<std::uint8_t, 32> derived = DeriveKey(CountingKey(), "device", "e1");
  EXPECT_EQ(KeyedHasher::Derived(CountingKey(), "device", "e1").Hash("abc"),
            KeyedHasher(derived).Hash("abc"));
}

TEST(DeriveKeyDeathTest, RefusesNulInPurpose) {
  EXPECT_DEATH(DeriveKey(CountingKey(), std::string_view("a\0b", 3), "e"), "NUL");
}

TEST(KeyId, IsStableAndPublicFormat) {
  EXPECT_EQ(KeyId(CountingKey()), "7ee23c5635097d16");
  EXPECT_EQ(KeyId(ConsortiumKey{}), "9654c5ca49af7837");
  EXPECT_EQ(KeyId(CountingKey()), KeyId(CountingKey()));
}

TEST(KeyId, DiffersBetweenKeys) {
  std::set<std::string> ids;
  for (std::size_t idx = 0; idx < 64; ++idx) {
    ConsortiumKey key = CountingKey();
    key.bytes[idx % kKeyBytes] ^= static_cast<std::uint8_t>(1 + idx / kKeyBytes);
    ids.insert(KeyId(key));
  }
  ids.insert(KeyId(CountingKey()));
  EXPECT_EQ(ids.size(), 65u);
}

// KeyId is not a token of the same key under any artifact kind a member shares.
TEST(KeyId, IsNotAnArtifactToken) {
  const std::string id = KeyId(CountingKey());
  EXPECT_NE(TokenHex(KeyedHasher(CountingKey().bytes).Hash("crosscheck key id")).substr(0, 16), id);
}

}  // namespace
}  // namespace crosscheck::share
