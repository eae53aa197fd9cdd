#pragma once
// The enums of the original Tracker's protobuf (tracker-wire-format.md): written
// as their names, read as a name or a number. Stored as the numbers, so a name
// the original adds later keeps its meaning. 0 is "unset" and not accepted.
#include <rapidjson/document.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace switchyard::tracker {

struct EnumValue {
  std::string_view name;
  int number;
};

class WireEnum {
 public:
  constexpr WireEnum(std::span<const EnumValue> values) : values_(values) {}

  // A name (case-sensitive, as protobuf) or a number; nullopt when neither.
  std::optional<int> parse(std::string_view text) const;
  std::optional<int> parse(const rapidjson::Value& value) const;
  // "" for 0 or an unknown number.
  std::string_view name_of(int number) const;
  // "deployment, operation, ..." for error messages.
  std::string allowed() const;

 private:
  std::span<const EnumValue> values_;
};

extern const WireEnum kEventType;
extern const WireEnum kEventPriority;
extern const WireEnum kEventStatus;
extern const WireEnum kEventEnvironment;
extern const WireEnum kCatalogType;
extern const WireEnum kLanguage;
extern const WireEnum kSlaLevel;

}  // namespace switchyard::tracker
