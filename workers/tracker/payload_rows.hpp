#pragma once
// A tracker task payload read into its domain record (domain/tracker/row_json): a member
// of the wrong type is a non-retryable `bad_payload` failure naming it, as
// payload_fields does (the API wrote the payload, so it is a producer bug).
#include <utility>

#include "domain/tracker/row_json.hpp"
#include "payload_fields.hpp"

namespace switchyard::workers::tracker {

// What `read()` returns; RowError becomes bad_payload.
template <class Read>
auto read_payload(Read&& read) {
  try {
    return std::forward<Read>(read)();
  } catch (const ::switchyard::domain::tracker::RowError& e) {
    throw TaskFailure(FailureKind::kBadPayload, std::string("payload.") + e.what(),
                      TaskFailure::Retry::kPointless);
  }
}

}  // namespace switchyard::workers::tracker
