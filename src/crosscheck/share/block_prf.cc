#include "crosscheck/share/block_prf.h"

#include <openssl/evp.h>

#include <algorithm>

#include "crosscheck/common/check.h"
#include "crosscheck/share/keyed_hash.h"

namespace crosscheck::share {

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
  // The cipher is fetched once (an implicit fetch per call costs more than the AES itself) and
  // each thread keeps one context, re-keyed per call.
  static EVP_CIPHER* const cipher = EVP_CIPHER_fetch(nullptr, "AES-128-ECB", nullptr);
  CC_CHECK(cipher != nullptr);
  thread_local std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> context(EVP_CIPHER_CTX_new(),
                                                                                     EVP_CIPHER_CTX_free);
  CC_CHECK(context != nullptr);
  // ECB is right here: every block is an independent PRF input, never a message to hide.
  CC_CHECK(EVP_EncryptInit_ex2(context.get(), cipher, key_.data(), nullptr, nullptr) == 1);
  EVP_CIPHER_CTX_set_padding(context.get(), 0);
  auto* bytes = reinterpret_cast<unsigned char*>(blocks.data());
  int length = 0;
  CC_CHECK(EVP_EncryptUpdate(context.get(), bytes, &length, bytes, static_cast<int>(blocks.size() * sizeof(Block))) == 1);
  CC_CHECK(static_cast<std::size_t>(length) == blocks.size() * sizeof(Block));
}

}  // namespace crosscheck::share
