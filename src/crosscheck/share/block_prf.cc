#include "crosscheck/share/block_prf.h"

#include <openssl/evp.h>

#include <algorithm>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "crosscheck/common/check.h"
#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::share {
namespace {

// The name keys re-key AES once per identifier of every application. OpenSSL's EVP re-key
// (parameter lookups, provider dispatch) cost several times the AES itself, so on x86-64
// with AES-NI (FIPS-197 AES-128, Intel's AES-NI white paper, section 5) the key schedule and
// rounds are done here; the tests hold this to OpenSSL's AES and the FIPS-197 vector.
#if defined(__x86_64__)
#define CC_BLOCK_PRF_AESNI 1

// ExpandKey is one step of the AES-128 key schedule: `assist` is aeskeygenassist of the
// previous round key.
__attribute__((target("aes,sse2"))) __m128i ExpandKey(__m128i key, __m128i assist) {
  assist = _mm_shuffle_epi32(assist, 0xff);
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  key = _mm_xor_si128(key, _mm_slli_si128(key, 4));
  return _mm_xor_si128(key, assist);
}

// EncryptWithAesNi encrypts `blocks` in place, each on its own (ECB), under `key`.
__attribute__((target("aes,sse2"))) void EncryptWithAesNi(const std::array<std::uint8_t, 16>& key,
                                                          std::span<Block> blocks) {
  __m128i round[11];  // the round keys (a C array: std::array drops __m128i's alignment attribute)
  round[0] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(key.data()));
  // The round constants must be immediates.
  round[1] = ExpandKey(round[0], _mm_aeskeygenassist_si128(round[0], 0x01));
  round[2] = ExpandKey(round[1], _mm_aeskeygenassist_si128(round[1], 0x02));
  round[3] = ExpandKey(round[2], _mm_aeskeygenassist_si128(round[2], 0x04));
  round[4] = ExpandKey(round[3], _mm_aeskeygenassist_si128(round[3], 0x08));
  round[5] = ExpandKey(round[4], _mm_aeskeygenassist_si128(round[4], 0x10));
  round[6] = ExpandKey(round[5], _mm_aeskeygenassist_si128(round[5], 0x20));
  round[7] = ExpandKey(round[6], _mm_aeskeygenassist_si128(round[6], 0x40));
  round[8] = ExpandKey(round[7], _mm_aeskeygenassist_si128(round[7], 0x80));
  round[9] = ExpandKey(round[8], _mm_aeskeygenassist_si128(round[8], 0x1b));
  round[10] = ExpandKey(round[9], _mm_aeskeygenassist_si128(round[9], 0x36));
  for (Block& block : blocks) {
    auto* bytes = reinterpret_cast<__m128i*>(block.data());
    __m128i state = _mm_xor_si128(_mm_loadu_si128(bytes), round[0]);
    for (int step = 1; step < 10; ++step) state = _mm_aesenc_si128(state, round[step]);
    _mm_storeu_si128(bytes, _mm_aesenclast_si128(state, round[10]));
  }
}

bool HasAesNi() {
  static const bool has = __builtin_cpu_supports("aes") != 0;
  return has;
}
#endif

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

// NewEcbContext returns a context holding AES-128-ECB and no key yet. ECB is right here:
// every block is an independent PRF input, never a message to hide.
CipherContext NewEcbContext() {
  // Fetched once: an implicit fetch per call costs more than the AES itself.
  static EVP_CIPHER* const cipher = EVP_CIPHER_fetch(nullptr, "AES-128-ECB", nullptr);
  CC_CHECK(cipher != nullptr);
  CipherContext context(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  CC_CHECK(context != nullptr && EVP_EncryptInit_ex2(context.get(), cipher, nullptr, nullptr, nullptr) == 1);
  return context;
}

// EncryptWithOpenSsl is EncryptWithAesNi through OpenSSL, for machines without AES-NI.
void EncryptWithOpenSsl(const std::array<std::uint8_t, 16>& key, std::span<Block> blocks) {
  // Each thread keeps one context and only re-keys it: naming the cipher again would free and
  // rebuild the provider's context. Padding is left on: it only matters to EncryptFinal,
  // never called (whole blocks in and out, checked).
  thread_local const CipherContext context = NewEcbContext();
  CC_CHECK(EVP_EncryptInit_ex2(context.get(), nullptr, key.data(), nullptr, nullptr) == 1);
  auto* bytes = reinterpret_cast<unsigned char*>(blocks.data());
  int length = 0;
  CC_CHECK(EVP_EncryptUpdate(context.get(), bytes, &length, bytes, static_cast<int>(blocks.size() * sizeof(Block))) == 1);
  CC_CHECK(static_cast<std::size_t>(length) == blocks.size() * sizeof(Block));
}

}  // namespace

BlockPrf::BlockPrf(std::span<const std::uint8_t> key) {
  CC_CHECK(key.size() >= key_.size()) << key.size();
  std::copy_n(key.begin(), key_.size(), key_.begin());
}

BlockPrf BlockPrf::Derived(const ConsortiumKey& key, std::string_view purpose, std::string_view epoch) {
  const auto derived = DeriveKey(key, purpose, epoch);
  return BlockPrf(derived);
}

void BlockPrf::Apply(std::span<Block> blocks) const {
  if (blocks.empty()) return;
#if defined(CC_BLOCK_PRF_AESNI)
  if (HasAesNi()) {
    EncryptWithAesNi(key_, blocks);
    return;
  }
#endif
  EncryptWithOpenSsl(key_, blocks);
}

}  // namespace crosscheck::share
