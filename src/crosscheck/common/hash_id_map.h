// HashIdMap: the one hash table of 64-bit hashes (values hashed elsewhere) to dense 32-bit ids.
// Open addressing with linear probing in one array: a look-up is one cache miss, where
// std::unordered_map's node per entry made it two or three and an allocation per insert (a
// column's values counted over millions of records; a node's tens of millions of artifact keys).
//
//   HashIdMap ids;
//   const auto [id, added] = ids.Insert(hash, static_cast<std::uint32_t>(ids.size()));
//   if (const std::uint32_t* found = ids.Find(hash)) counts[*found] += 1;
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace crosscheck {

// HashIdMap maps non-zero 64-bit hashes to 32-bit ids (0 marks an empty slot: a caller whose
// hashes may be 0 maps it to another value). The table is kept at most half full.
class HashIdMap {
 public:
  std::size_t size() const { return size_; }
  // Find returns the id of `hash`, or nullptr.
  const std::uint32_t* Find(std::uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    for (std::size_t slot = SlotOf(hash);; slot = (slot + 1) & mask_) {
      if (slots_[slot].hash == hash) return &slots_[slot].id;
      if (slots_[slot].hash == 0) return nullptr;
    }
  }
  // Prefetch starts loading the slot `hash` is looked up in: call it some look-ups ahead.
  void Prefetch(std::uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[SlotOf(hash)]);
  }
  // Insert adds `hash` with `id` unless present; returns the id it has and whether it was added.
  std::pair<std::uint32_t, bool> Insert(std::uint64_t hash, std::uint32_t id) {
    if (2 * (size_ + 1) > slots_.size()) Grow();
    for (std::size_t slot = SlotOf(hash);; slot = (slot + 1) & mask_) {
      if (slots_[slot].hash == hash) return {slots_[slot].id, false};
      if (slots_[slot].hash == 0) {
        slots_[slot] = {hash, id};
        ++size_;
        return {id, true};
      }
    }
  }
  // ForEach calls fn(hash, id) for every entry, in no particular order.
  template <class Fn>
  void ForEach(Fn&& fn) const {
    for (const Slot& slot : slots_) {
      if (slot.hash != 0) fn(slot.hash, slot.id);
    }
  }

 private:
  struct Slot {
    std::uint64_t hash;
    std::uint32_t id;
  };
  std::size_t SlotOf(std::uint64_t hash) const { return static_cast<std::size_t>(hash ^ (hash >> 29)) & mask_; }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : 2 * old.size(), Slot{0, 0});
    mask_ = slots_.size() - 1;
    for (const Slot& entry : old) {
      if (entry.hash == 0) continue;
      std::size_t slot = SlotOf(entry.hash);
      while (slots_[slot].hash != 0) slot = (slot + 1) & mask_;
      slots_[slot] = entry;
    }
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace crosscheck
