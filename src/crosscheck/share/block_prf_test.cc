#include "crosscheck/share/block_prf.h"

#include <cstdint>
#include <vector>

#include <gtest/gtest.h>
#include <openssl/evp.h>

namespace crosscheck::share {
namespace {

// OpenSslEcb encrypts `blocks` with OpenSSL's AES-128-ECB: the reference BlockPrf must match.
std::vector<Block> OpenSslEcb(const std::array<std::uint8_t, 16>& key, std::vector<Block> blocks) {
  EVP_CIPHER_CTX* context = EVP_CIPHER_CTX_new();
  int length = 0;
  auto* bytes = reinterpret_cast<unsigned char*>(blocks.data());
  EXPECT_EQ(EVP_EncryptInit_ex2(context, EVP_aes_128_ecb(), key.data(), nullptr, nullptr), 1);
  EXPECT_EQ(EVP_EncryptUpdate(context, bytes, &length, bytes, static_cast<int>(blocks.size() * sizeof(Block))), 1);
  EVP_CIPHER_CTX_free(context);
  return blocks;
}

// FIPS-197 appendix C.1: AES-128 of 00112233...ff under key 00010203...0f.
TEST(BlockPrf, MatchesFips197Vector) {
  std::array<std::uint8_t, 16> key;
  Block block;
  for (std::size_t idx = 0; idx < 16; ++idx) {
    key[idx] = static_cast<std::uint8_t>(idx);
    block[idx] = static_cast<std::uint8_t>(idx * 0x11);
  }
  std::vector<Block> blocks = {block};
  BlockPrf(key).Apply(blocks);
  const Block expected = {0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
                          0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a};
  EXPECT_EQ(blocks[0], expected);
}

// Many keys (the name keys re-key per identifier) and batch sizes, against OpenSSL.
TEST(BlockPrf, MatchesOpenSslAes) {
  for (int key_idx = 0; key_idx < 50; ++key_idx) {
    std::array<std::uint8_t, 16> key;
    for (std::size_t idx = 0; idx < 16; ++idx) key[idx] = static_cast<std::uint8_t>(key_idx * 131 + idx * 29);
    for (const std::size_t count : {1, 2, 7, 128}) {
      SCOPED_TRACE("key " + std::to_string(key_idx) + " blocks " + std::to_string(count));
      std::vector<Block> blocks(count);
      for (std::size_t block_idx = 0; block_idx < count; ++block_idx) {
        for (std::size_t idx = 0; idx < 16; ++idx) blocks[block_idx][idx] = static_cast<std::uint8_t>(block_idx * 7 + idx * key_idx);
      }
      const std::vector<Block> expected = OpenSslEcb(key, blocks);
      BlockPrf(key).Apply(blocks);
      EXPECT_EQ(blocks, expected);
    }
  }
}

}  // namespace
}  // namespace crosscheck::share
