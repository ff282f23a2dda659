#include "crosscheck/common/application_source.h"

#include "crosscheck/common/strings.h"

namespace crosscheck {

bool IsAgencySource(std::string_view source) {
  return source.size() > 7 && EqualsIgnoreCaseAscii(source.substr(0, 7), "agency:");
}

}  // namespace crosscheck
