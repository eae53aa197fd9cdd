#pragma once
// What a record's field is to the code that stores and carries it. Records that
// are stored (domain/tracker/...) list their fields once, each with its name and
// kind, in a for_each_field function beside the struct:
//   template <class R, class F> void for_each_field(R& record, F&& f) {
//     f("id", record.id, FieldKind::kKey); ...
//   }
// The name is the column's and the task payload key's (snake_case); the SQL column
// lists, bound parameters and result reading (storage/record_sql.hpp) and the
// payload rows (tracker/row_json.hpp) are all made from that one list.
namespace switchyard::domain {

enum class FieldKind {
  kKey,         // identifies the record: written when it is made, never changed
  kField,       // written when it is made, and by an update
  kTime,        // a kField that is a time: RFC 3339 text, stored as timestamptz
  kInsertOnly,  // written when the record is made, kept by updates
  kMadeTime,    // a time the database sets: read, never written
};

}  // namespace switchyard::domain
