#include "incidents/catalog_writes.hpp"

#include <algorithm>
#include <cctype>

#include "envelope/task_id.hpp"
#include "http/request_fields.hpp"
#include "json/json_fields.hpp"

namespace switchyard::api::incidents {
namespace {

namespace Http = Pistache::Http;

rapidjson::Value key_of(std::string_view key, rapidjson::Document::AllocatorType& allocator) {
  return rapidjson::Value(key.data(), static_cast<rapidjson::SizeType>(key.size()), allocator);
}

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

void Payload::set_value(std::string_view key, rapidjson::Value& value) {
  auto& a = doc_.GetAllocator();
  if (auto it = doc_.FindMember(key_of(key, a)); it != doc_.MemberEnd()) {
    it->value = value;
    return;
  }
  doc_.AddMember(key_of(key, a), value, a);
}

void Payload::set_text(std::string_view key, std::string_view value) {
  rapidjson::Value v(value.data(), static_cast<rapidjson::SizeType>(value.size()), allocator());
  set_value(key, v);
}

void Payload::set_optional(std::string_view key, const std::optional<std::string>& value) {
  if (value) {
    set_text(key, *value);
    return;
  }
  rapidjson::Value null;
  set_value(key, null);
}

void Payload::set_int(std::string_view key, std::int64_t value) {
  rapidjson::Value v(static_cast<int64_t>(value));
  set_value(key, v);
}

void Payload::set_bool(std::string_view key, bool value) {
  rapidjson::Value v(value);
  set_value(key, v);
}

void Payload::set_object(std::string_view key, Payload& object) {
  rapidjson::Value v(object.doc_, allocator());  // a deep copy into this document
  set_value(key, v);
}

void Payload::set_empty_list(std::string_view key) {
  rapidjson::Value list(rapidjson::kArrayType);
  set_value(key, list);
}

void Payload::append(std::string_view key, const Payload& item) {
  auto it = doc_.FindMember(key_of(key, allocator()));
  if (it == doc_.MemberEnd() || !it->value.IsArray()) {
    set_empty_list(key);
    it = doc_.FindMember(key_of(key, allocator()));
  }
  it->value.PushBack(rapidjson::Value(item.doc_, allocator()), allocator());
}

bool Payload::has(std::string_view key) const {
  return doc_.FindMember(rapidjson::Value(rapidjson::StringRef(
             key.data(), static_cast<rapidjson::SizeType>(key.size())))) != doc_.MemberEnd();
}

std::string Payload::text() const { return json::to_text(doc_); }

void CatalogWrites::write(RequestContext& context, domain::TaskKind kind,
                          const std::string& payload, Http::Code status, Show show) {
  auto responder = context.answer_later();
  writer_.write(responder, kind, payload, context.caller_name(),
                [this, status, show = std::move(show)](Responder& r, const std::string&) {
                  const auto json = pool_.read(show);
                  if (!json) throw not_found("Not found.");
                  r.json(status, *json);
                });
}

void CatalogWrites::remove(RequestContext& context, domain::TaskKind kind,
                           const std::string& payload) {
  auto responder = context.answer_later();
  writer_.write(responder, kind, payload, context.caller_name(),
                [](Responder& r, const std::string&) {
                  r.send(Http::Code::No_Content, "", "application/json");
                });
}

void CatalogWrites::get(RequestContext& context, const CatalogResource& resource) {
  const std::string id = catalog_id(context, "id", resource.not_found);
  answer_found(context,
               pool_.read([&](pqxx::read_transaction& tx) { return resource.find_json(tx, id); }),
               resource.not_found);
}

std::string CatalogWrites::target(RequestContext& context, const CatalogResource& resource,
                                  WriteMode mode) {
  if (mode == WriteMode::kCreate) return envelope::new_task_id();
  std::string id = catalog_id(context, "id", resource.not_found);
  if (!pool_.read([&](pqxx::read_transaction& tx) { return resource.exists(tx, id); })) {
    throw not_found(resource.not_found);
  }
  return id;
}

void CatalogWrites::save(RequestContext& context, const CatalogResource& resource, WriteMode mode,
                         const std::string& id, Payload& payload) {
  payload.set_text("id", id);
  const bool create = mode == WriteMode::kCreate;
  write(context, create ? resource.create : resource.update, payload.text(),
        create ? Http::Code::Created : Http::Code::Ok,
        [find = resource.find_json, id](pqxx::read_transaction& tx) { return find(tx, id); });
}

void CatalogWrites::remove(RequestContext& context, const CatalogResource& resource,
                           const Refusal& refuse) {
  const std::string id = catalog_id(context, "id", resource.not_found);
  pool_.read([&](pqxx::read_transaction& tx) {
    if (!resource.exists(tx, id)) throw not_found(resource.not_found);
    if (refuse) refuse(tx, id);
  });
  remove(context, resource.remove, json::string_object({{"id", id}}));
}

void CatalogWrites::answer_page(RequestContext& context, const PageRequest& page,
                                const storage::incidents::JsonPage& rows) const {
  require_page_exists(page, rows.count);
  context.responder.json(Http::Code::Ok,
                         page_json(context, public_url_, page, rows.count, rows.items));
}

void CatalogWrites::answer_found(RequestContext& context, const std::optional<std::string>& json,
                                 std::string_view not_found_message) {
  if (!json) throw not_found(not_found_message);
  context.responder.json(Http::Code::Ok, *json);
}

AppError not_found(std::string_view message) {
  return AppError(ErrorCode::kNotFound, std::string(message));
}

AppError conflict(std::string_view message) {
  return AppError(ErrorCode::kConflict, std::string(message));
}

std::string catalog_id(const RequestContext& context, const std::string& name,
                       std::string_view not_found_message) {
  const auto raw = context.request.param(":" + name).as<std::string>();
  if (!envelope::is_valid_uuid(raw)) throw not_found(not_found_message);
  return lowercase(raw);
}

std::optional<std::string> text_parameter(const RequestContext& context, const std::string& name) {
  auto value = context.query(name);
  if (!value || value->empty()) return std::nullopt;
  if (value->find('\0') != std::string::npos) {
    throw invalid_field(name, "Null characters are not allowed.");
  }
  if (value->size() > 200) {
    throw invalid_field(name, "Ensure this value has no more than 200 characters.");
  }
  return value;
}

std::optional<std::string> uuid_parameter(const RequestContext& context, const std::string& name) {
  auto value = context.query(name);
  if (!value || value->empty()) return std::nullopt;
  if (!envelope::is_valid_uuid(*value)) throw invalid_field(name, "Must be a valid UUID.");
  return lowercase(*value);
}

bool given(const rapidjson::Value& body, const char* field) { return body.HasMember(field); }

rapidjson::Document prefixed(const rapidjson::Value& object, const std::string& prefix) {
  rapidjson::Document flat;
  flat.SetObject();
  auto& a = flat.GetAllocator();
  for (const auto& m : object.GetObject()) {
    const std::string name =
        prefix + std::string(m.name.GetString(), m.name.GetStringLength()).substr(0, 100);
    flat.AddMember(key_of(name, a), rapidjson::Value(m.value, a), a);
  }
  return flat;
}

void references_as_ids(rapidjson::Document& body, const char* field) {
  const auto as_id = [&](rapidjson::Value& value) {
    if (!value.IsObject()) return;
    const auto id = value.FindMember("id");
    if (id == value.MemberEnd()) return;
    rapidjson::Value copy(id->value, body.GetAllocator());
    value = copy;
  };
  const auto it = body.FindMember(field);
  if (it == body.MemberEnd()) return;
  if (it->value.IsArray()) {
    for (auto& item : it->value.GetArray()) as_id(item);
  } else {
    as_id(it->value);
  }
}

void refuse_unknown(const rapidjson::Value& body, std::vector<std::string_view> writable,
                    const std::vector<std::string_view>& read_only, FieldErrors& errors) {
  writable.insert(writable.end(), read_only.begin(), read_only.end());
  refuse_unknown_fields(body, writable, errors);
}

}  // namespace switchyard::api::incidents
