#include "events/event_selection.hpp"

#include "errors/app_error.hpp"

namespace switchyard::api::events {
namespace {

constexpr std::size_t kMaxServiceLength = 128;

bool type_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

void check_type(const std::string& type) {
  const std::string_view stem =
      type.ends_with('*') ? std::string_view(type).substr(0, type.size() - 1) : type;
  bool ok = !type.empty() && type.size() <= EventSelection::kMaxTypeLength;
  for (const char c : stem) ok = ok && type_character(c);
  if (!ok) {
    throw AppError(ErrorCode::kValidation,
                   "types: each entry is an event type of at most 64 characters (a-z, 0-9, '.', "
                   "'_', '-'), optionally ending in '*' as a prefix",
                   {}, "refused event type");
  }
}

void check_service(const std::string& service) {
  bool ok = service.size() <= kMaxServiceLength;
  for (const char c : service) {
    ok = ok && (type_character(c) || (c >= 'A' && c <= 'Z'));
  }
  if (!ok) {
    throw AppError(ErrorCode::kValidation,
                   "service: a service name of at most 128 characters (letters, digits, '.', "
                   "'_', '-')");
  }
}

}  // namespace

EventSelection EventSelection::parse(std::string_view types, std::string_view service) {
  std::vector<std::string> list;
  while (!types.empty()) {
    const std::size_t comma = types.find(',');
    std::string_view entry = types.substr(0, comma);
    types = comma == std::string_view::npos ? std::string_view{} : types.substr(comma + 1);
    while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
    while (!entry.empty() && entry.back() == ' ') entry.remove_suffix(1);
    if (entry.empty()) continue;
    if (list.size() == kMaxTypes) {
      throw AppError(ErrorCode::kValidation, "types: at most 32 entries");
    }
    list.emplace_back(entry.substr(0, kMaxTypeLength + 1));
  }
  return from_list(std::move(list), std::string(service.substr(0, kMaxServiceLength + 1)));
}

EventSelection EventSelection::from_list(std::vector<std::string> types, std::string service) {
  if (types.size() > kMaxTypes) throw AppError(ErrorCode::kValidation, "types: at most 32 entries");
  for (const auto& type : types) check_type(type);
  check_service(service);
  EventSelection selection;
  selection.types_ = std::move(types);
  selection.service_ = std::move(service);
  return selection;
}

bool EventSelection::matches(const StreamEvent& event) const {
  if (!service_.empty() && event.type.starts_with("task.") && event.service != service_) {
    return false;
  }
  if (types_.empty()) return true;
  for (const auto& type : types_) {
    if (type.ends_with('*')
            ? event.type.starts_with(std::string_view(type).substr(0, type.size() - 1))
            : event.type == type) {
      return true;
    }
  }
  return false;
}

}  // namespace switchyard::api::events
