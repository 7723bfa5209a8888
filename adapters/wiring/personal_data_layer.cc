#include "adapters/wiring/personal_data_layer.h"

#include "commands/personal_data_types.h"

namespace edu {

std::unique_ptr<PersonalDataLayer> PersonalDataLayer::With(
    PersonKeyStore* keys, const Registry& registry, std::function<void(const Uuid&)> on_forgotten) {
  std::unique_ptr<PersonalDataLayer> layer(new PersonalDataLayer());
  layer->keys_ = keys;
  layer->cipher_ = std::make_unique<PersonalDataCipher>(keys);
  layer->types_ = PersonalEventTypesOf(registry);
  layer->on_forgotten_ = std::move(on_forgotten);
  return layer;
}

Status PersonalDataLayer::Open(const std::string& db_uri, const Registry& registry,
                               std::function<void(const Uuid&)> on_forgotten,
                               std::unique_ptr<PersonalDataLayer>* out) {
  std::unique_ptr<PgPersonKeyStore> keys;
  EDU_RETURN_IF_ERROR(
      PgPersonKeyStore::Open(db_uri, &keys).Annotate("opening the person key store"));
  std::unique_ptr<PersonalDataLayer> layer = With(keys.get(), registry, std::move(on_forgotten));
  layer->owned_keys_ = std::move(keys);
  *out = std::move(layer);
  return Status::OK();
}

std::unique_ptr<EventLog> PersonalDataLayer::NewWrapper(EventLog* backend) {
  PersonalDataLog::Options options;
  options.on_forgotten = on_forgotten_;
  return std::make_unique<PersonalDataLog>(backend, cipher_.get(), types_, options);
}

EventLog* PersonalDataLayer::Wrap(EventLog* backend) {
  std::unique_ptr<EventLog> wrapper = NewWrapper(backend);
  std::lock_guard<std::mutex> lock(mu_);
  logs_.push_back(std::move(wrapper));
  return logs_.back().get();
}

EventLog* PersonalDataLayer::log() {
  std::lock_guard<std::mutex> lock(mu_);
  return logs_.empty() ? nullptr : logs_.front().get();
}

}  // namespace edu
