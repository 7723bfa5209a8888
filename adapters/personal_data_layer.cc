#include "adapters/personal_data_layer.h"

#include "commands/personal_data_types.h"

namespace edu {

std::unique_ptr<PersonalDataLayer> PersonalDataLayer::With(
    EventLog* backend, PersonKeyStore* keys, const Registry& registry,
    std::function<void(const Uuid&)> on_forgotten) {
  std::unique_ptr<PersonalDataLayer> layer(new PersonalDataLayer());
  layer->keys_ = keys;
  layer->cipher_ = std::make_unique<PersonalDataCipher>(keys);
  PersonalDataLog::Options options;
  options.on_forgotten = std::move(on_forgotten);
  layer->log_ = std::make_unique<PersonalDataLog>(backend, layer->cipher_.get(),
                                                  PersonalEventTypesOf(registry), options);
  return layer;
}

Status PersonalDataLayer::Open(EventLog* backend, const std::string& db_uri,
                               const Registry& registry,
                               std::function<void(const Uuid&)> on_forgotten,
                               std::unique_ptr<PersonalDataLayer>* out) {
  std::unique_ptr<PgPersonKeyStore> keys;
  EDU_RETURN_IF_ERROR(PgPersonKeyStore::Open(db_uri, &keys).Annotate("opening the person key store"));
  std::unique_ptr<PersonalDataLayer> layer = With(backend, keys.get(), registry, std::move(on_forgotten));
  layer->owned_keys_ = std::move(keys);
  *out = std::move(layer);
  return Status::OK();
}

}  // namespace edu
