#include "crosscheck/common/thread_priority.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace crosscheck {

Status LowerThisThreadsPriority(int nice) {
  if (nice < 1 || nice > 19) return InvalidInput("a background nice value is 1..19, got " + std::to_string(nice));
  // PRIO_PROCESS with a thread id applies to that thread alone on Linux. Raising nice needs
  // no privilege.
  if (setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), nice) != 0) {
    return Internal(std::string("cannot lower the background thread's priority: ") + std::strerror(errno));
  }
  return Ok();
}

int ThisThreadsNice() {
  errno = 0;  // -1 is a valid nice value: only errno tells an error
  const int nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  return errno == 0 ? nice : 0;
}

}  // namespace crosscheck
