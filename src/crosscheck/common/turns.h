// Turns: first come, first served. Writes that are prepared at once but must land one at a time
// in the order they took their turns (serve: a post is stored, scored beside other posts, then
// committed in stored order), and TicketLock, a mutex whose waiters enter in the order they came
// (graph: a run that lets go of igraph between two iterations really lets a waiting run in).
//
//   Turns::Turn turn = turns.Take();            // under the store's write lock, after storing
//   Prepared prepared = Prepare();              // no lock held: beside other posts
//   turn.Wait();  Commit(prepared);  turn.Done();
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <utility>

namespace crosscheck {

// Turns hands out turns in order; Turn::Wait blocks until every earlier turn is done.
// Thread-safe.
class Turns {
 public:
  // Turn is one writer's place in line. Done (or the destructor, which waits first) lets the
  // next one go: a turn dropped on an error path never blocks the ones after it.
  class Turn {
   public:
    Turn(Turns& turns, std::uint64_t ticket) : turns_(&turns), ticket_(ticket) {}
    Turn(Turn&& other) noexcept : turns_(other.turns_), ticket_(other.ticket_) { other.turns_ = nullptr; }
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;
    Turn& operator=(Turn&&) = delete;
    ~Turn() { Done(); }

    // Wait returns once every turn taken before this one is done (at once for an ended turn).
    void Wait() const {
      if (turns_ == nullptr) return;
      std::unique_lock lock(turns_->mutex_);
      turns_->changed_.wait(lock, [this] { return turns_->serving_ == ticket_; });
    }
    // Done waits for this turn, then ends it; later calls do nothing. Nothing of this Turn is
    // touched once the next turn may run: its holder may reuse the Turn's storage (TicketLock).
    void Done() {
      Turns* const turns = std::exchange(turns_, nullptr);
      if (turns == nullptr) return;
      {
        std::unique_lock lock(turns->mutex_);
        turns->changed_.wait(lock, [&] { return turns->serving_ == ticket_; });
        ++turns->serving_;
      }
      turns->changed_.notify_all();
    }

   private:
    Turns* turns_;
    std::uint64_t ticket_;
  };

  // Take returns the next turn; TakeAndWait the next turn once it has come.
  Turn Take() {
    std::lock_guard lock(mutex_);
    return Turn(*this, next_++);
  }
  Turn TakeAndWait() {
    Turn turn = Take();
    turn.Wait();
    return turn;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::uint64_t next_ = 0;     // the ticket the next Take gives
  std::uint64_t serving_ = 0;  // the ticket whose turn it is
};

// TicketLock is a mutex (BasicLockable: std::unique_lock works) whose waiters enter in the
// order they came; one that unlocks and locks again goes to the back of the line.
class TicketLock {
 public:
  void lock() { held_.emplace(turns_.TakeAndWait()); }
  void unlock() {
    // The turn is moved out and the slot emptied before it ends: the next holder emplaces its
    // own turn into held_ as soon as this one is done.
    Turns::Turn mine = std::move(*held_);
    held_.reset();
    mine.Done();
  }

 private:
  Turns turns_;
  std::optional<Turns::Turn> held_;
};

}  // namespace crosscheck
