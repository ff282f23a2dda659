#include "crosscheck/share/keyed_hash.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <utility>

// KeyedHasher uses OpenSSL's low-level SHA-256 (deprecated in 3.0 in favour of EVP, still in
// its default builds): its context is a plain struct, so a Hash copies the
// precomputed HMAC states by value. EVP_MD_CTX_copy_ex allocates and frees a provider context
// per copy, two per HMAC, besides its dispatch (docs/PERFORMANCE.md, consortium encoding).
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/sha.h>

#include "crosscheck/common/check.h"

namespace crosscheck::share {
namespace {

constexpr std::size_t kBlockBytes = 64;   // SHA-256 block (FIPS 180-4 section 5.1.2)
constexpr std::size_t kDigestBytes = 32;  // SHA-256 output
constexpr std::string_view kDeriveSalt = "crosscheck consortium v1";

struct KdfDeleter {
  void operator()(EVP_KDF* kdf) const { EVP_KDF_free(kdf); }
};
struct KdfCtxDeleter {
  void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};

// OpenSslError describes the most recent OpenSSL failure for a CC_CHECK message. OpenSSL
// fails here only when out of memory or misbuilt (no SHA-256), which is not the input's fault.
std::string OpenSslError() {
  char text[256];
  ERR_error_string_n(ERR_get_error(), text, sizeof text);
  return text;
}

std::span<const std::uint8_t> Bytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

std::string Hex(std::span<const std::uint8_t> bytes) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string text;
  text.reserve(2 * bytes.size());
  for (const std::uint8_t byte : bytes) {
    text.push_back(kHex[byte >> 4]);
    text.push_back(kHex[byte & 0xf]);
  }
  return text;
}

// Absorb returns the SHA-256 state after the key block XORed with `pad`: the state HMAC
// starts its inner (0x36) or outer (0x5c) hash from (RFC 2104 section 2).
SHA256_CTX Absorb(const std::array<std::uint8_t, kBlockBytes>& key_block, std::uint8_t pad) {
  std::array<std::uint8_t, kBlockBytes> padded;
  for (std::size_t idx = 0; idx < kBlockBytes; ++idx) padded[idx] = key_block[idx] ^ pad;
  SHA256_CTX ctx;
  CC_CHECK(SHA256_Init(&ctx) == 1 && SHA256_Update(&ctx, padded.data(), padded.size()) == 1)
      << OpenSslError();
  OPENSSL_cleanse(padded.data(), padded.size());
  return ctx;
}

// OctetParam passes bytes to an OpenSSL KDF. OSSL_PARAM takes a non-const pointer but only
// reads through it here. OpenSSL 3.0's HKDF rejects a null pointer even with size 0 (an empty
// std::span has one), so empty input points at a dummy byte instead.
OSSL_PARAM OctetParam(const char* name, std::span<const std::uint8_t> bytes) {
  static const std::uint8_t kNothing = 0;
  const std::uint8_t* data = bytes.empty() ? &kNothing : bytes.data();
  return OSSL_PARAM_construct_octet_string(name, const_cast<std::uint8_t*>(data), bytes.size());
}

}  // namespace

struct KeyedHasher::Impl {
  SHA256_CTX inner;  // SHA-256 after key ^ ipad; copied, never written, by Hash
  SHA256_CTX outer;  // SHA-256 after key ^ opad
};

KeyedHasher::KeyedHasher(std::span<const std::uint8_t> key) : impl_(std::make_unique<Impl>()) {
  std::array<std::uint8_t, kBlockBytes> key_block{};  // the key, zero-padded to one block
  if (key.size() > kBlockBytes) {
    CC_CHECK(SHA256(key.data(), key.size(), key_block.data()) != nullptr) << OpenSslError();
  } else {
    std::copy(key.begin(), key.end(), key_block.begin());
  }
  impl_->inner = Absorb(key_block, 0x36);
  impl_->outer = Absorb(key_block, 0x5c);
  OPENSSL_cleanse(key_block.data(), key_block.size());
}

KeyedHasher::KeyedHasher(KeyedHasher&&) noexcept = default;
// Swapped, so the states given up are wiped by `other`'s destructor.
KeyedHasher& KeyedHasher::operator=(KeyedHasher&& other) noexcept {
  impl_.swap(other.impl_);
  return *this;
}
// The states stand in for the key: wiped, as the key is.
KeyedHasher::~KeyedHasher() {
  if (impl_ != nullptr) OPENSSL_cleanse(impl_.get(), sizeof(Impl));
}

KeyedHasher KeyedHasher::Derived(const ConsortiumKey& key, std::string_view purpose,
                                 std::string_view epoch) {
  std::array<std::uint8_t, 32> derived = DeriveKey(key, purpose, epoch);
  KeyedHasher hasher(derived);
  OPENSSL_cleanse(derived.data(), derived.size());
  return hasher;
}

Token KeyedHasher::Hash(std::string_view message) const {
  CC_CHECK(impl_ != nullptr) << "KeyedHasher used after it was moved from";
  // The precomputed states are copied and only read, so threads need no lock.
  SHA256_CTX ctx = impl_->inner;
  std::array<std::uint8_t, kDigestBytes> digest;
  bool ok = SHA256_Update(&ctx, message.data(), message.size()) == 1 &&
            SHA256_Final(digest.data(), &ctx) == 1;
  ctx = impl_->outer;
  ok = ok && SHA256_Update(&ctx, digest.data(), digest.size()) == 1 &&
       SHA256_Final(digest.data(), &ctx) == 1;
  CC_CHECK(ok) << OpenSslError();
  Token token;
  std::copy_n(digest.begin(), token.size(), token.begin());
  return token;
}

std::uint64_t KeyedHasher::Hash64(std::string_view message) const {
  const Token token = Hash(message);
  std::uint64_t value = 0;
  for (std::size_t idx = 0; idx < 8; ++idx) value = value << 8 | token[idx];
  return value;
}

std::string TokenHex(const Token& token) { return Hex(token); }

std::array<std::uint8_t, 32> DeriveKey(const ConsortiumKey& key, std::string_view purpose,
                                       std::string_view epoch) {
  // Without a NUL in purpose, ("ab", "c") and ("a", "bc") cannot give the same info.
  CC_CHECK(purpose.find('\0') == std::string_view::npos) << "purpose holds a NUL byte";
  std::string info;
  info.reserve(purpose.size() + 1 + epoch.size());
  info.append(purpose).push_back('\0');
  info.append(epoch);
  std::vector<std::uint8_t> okm =
      internal::HkdfSha256(key.bytes, Bytes(kDeriveSalt), Bytes(info), 32);
  std::array<std::uint8_t, 32> derived;
  std::copy(okm.begin(), okm.end(), derived.begin());
  OPENSSL_cleanse(okm.data(), okm.size());
  return derived;
}

std::string KeyId(const ConsortiumKey& key) {
  const Token token = KeyedHasher::Derived(key, "key-id", "").Hash("crosscheck key id");
  return Hex(std::span(token).first(8));
}

namespace internal {

std::vector<std::uint8_t> HkdfSha256(std::span<const std::uint8_t> ikm,
                                     std::span<const std::uint8_t> salt,
                                     std::span<const std::uint8_t> info, std::size_t length) {
  CC_CHECK(length <= 255 * kDigestBytes) << length;  // RFC 5869 section 2.3
  const std::unique_ptr<EVP_KDF, KdfDeleter> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
  const std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter> ctx(kdf != nullptr ? EVP_KDF_CTX_new(kdf.get())
                                                                       : nullptr);
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
      OctetParam(OSSL_KDF_PARAM_KEY, ikm),
      OctetParam(OSSL_KDF_PARAM_SALT, salt),
      OctetParam(OSSL_KDF_PARAM_INFO, info),
      OSSL_PARAM_construct_end(),
  };
  std::vector<std::uint8_t> okm(length);
  CC_CHECK(ctx != nullptr && EVP_KDF_derive(ctx.get(), okm.data(), okm.size(), params) == 1)
      << OpenSslError();
  return okm;
}

}  // namespace internal

std::string HexSha256(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  CC_CHECK(EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) == 1) << OpenSslError();
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * length);
  for (unsigned int idx = 0; idx < length; ++idx) {
    out += kHex[digest[idx] >> 4];
    out += kHex[digest[idx] & 0xf];
  }
  return out;
}

}  // namespace crosscheck::share
