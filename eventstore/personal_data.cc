#include "eventstore/personal_data.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

#include <rapidjson/document.h>

#include "eventstore/json_binding.h"

namespace edu {
namespace {

constexpr size_t kKeyBytes = 32;
constexpr size_t kNonceBytes = 12;  // 96 bits, GCM's native nonce size
constexpr size_t kTagBytes = 16;

std::string Base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool Unbase64(const std::string& text, std::string* bytes) {
  if (text.size() % 4 != 0) return false;
  std::string out(3 * text.size() / 4, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return false;
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') ++padding;
  if (text.size() > 1 && text[text.size() - 2] == '=') ++padding;
  out.resize(static_cast<size_t>(n) - padding);
  *bytes = std::move(out);
  return true;
}

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* Bytes(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Calls every sealed value of a document (objects carrying the marker member), depth first.
template <class F>
Status ForEachSealed(rapidjson::Value& v, F&& fn) {
  if (v.IsObject()) {
    if (v.HasMember(kSealedMarker)) return fn(v);
    for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
      EDU_RETURN_IF_ERROR(ForEachSealed(m->value, fn));
    }
  } else if (v.IsArray()) {
    for (auto& item : v.GetArray()) EDU_RETURN_IF_ERROR(ForEachSealed(item, fn));
  }
  return Status::OK();
}

std::string MemberText(const rapidjson::Value& sealed, const char* name) {
  auto it = sealed.FindMember(name);
  if (it == sealed.MemberEnd() || !it->value.IsString()) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace

Status NewPersonKey(std::string* key) {
  key->assign(kKeyBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(key->data()), static_cast<int>(kKeyBytes)) != 1) {
    return Status::Internal("OpenSSL could not provide random bytes for a person key");
  }
  return Status::OK();
}

// ---- MemoryPersonKeyStore -----------------------------------------------------------------------

Status MemoryPersonKeyStore::KeyForWriting(const Uuid& subject, std::string* key) {
  std::lock_guard<std::mutex> lock(mu_);
  Lookup& entry = keys_[subject];
  if (entry.state == KeyState::kDestroyed) {
    return Status::InvalidArgument("person " + ToString(subject) +
                                   " was forgotten: personal data about them can no longer be "
                                   "recorded");
  }
  if (entry.state == KeyState::kUnknown) {
    EDU_RETURN_IF_ERROR(NewPersonKey(&entry.key));
    entry.state = KeyState::kLive;
  }
  *key = entry.key;
  return Status::OK();
}

Status MemoryPersonKeyStore::KeyForReading(const Uuid& subject, Lookup* out) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = keys_.find(subject);
  *out = it == keys_.end() ? Lookup{} : it->second;
  return Status::OK();
}

Status MemoryPersonKeyStore::Destroy(const Uuid& subject) {
  std::lock_guard<std::mutex> lock(mu_);
  Lookup& entry = keys_[subject];
  if (entry.state == KeyState::kDestroyed) return Status::OK();
  entry.state = KeyState::kDestroyed;
  entry.key.assign(entry.key.size(), '\0');
  entry.key.clear();
  ++erasures_;
  return Status::OK();
}

Status MemoryPersonKeyStore::ErasureCount(int64_t* count) {
  std::lock_guard<std::mutex> lock(mu_);
  *count = erasures_;
  return Status::OK();
}

// ---- PersonalDataCipher -------------------------------------------------------------------------

Status PersonalDataCipher::SealValue(const std::string& key, const Uuid& subject,
                                     const std::string& plain_json, std::string* sealed_json) {
  if (key.size() != kKeyBytes) return Status::Internal("a person key must be 32 bytes");
  std::string nonce(kNonceBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(nonce.data()), static_cast<int>(kNonceBytes)) !=
      1) {
    return Status::Internal("OpenSSL could not provide a nonce");
  }
  const std::string aad = ToString(subject);
  CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  std::string ct(plain_json.size() + kTagBytes, '\0');
  int len = 0;
  int total = 0;
  bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key), Bytes(nonce)) == 1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), static_cast<int>(aad.size())) == 1 &&
      EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(ct.data()), &len,
                        Bytes(plain_json), static_cast<int>(plain_json.size())) == 1;
  total = len;
  ok = ok && EVP_EncryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(ct.data()) + total,
                                 &len) == 1;
  total += len;
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes,
                                 reinterpret_cast<unsigned char*>(ct.data()) + total) == 1;
  if (!ok) return Status::Internal("AES-256-GCM encryption failed");
  ct.resize(static_cast<size_t>(total) + kTagBytes);

  rapidjson::StringBuffer buffer;
  json::Writer w(buffer);
  auto put = [&](const char* name, const std::string& value) {
    w.Key(name);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  };
  w.StartObject();
  put(kSealedMarker, kSealedFormat);
  put("subject", aad);
  put("nonce", Base64(nonce));
  put("ct", Base64(ct));
  w.EndObject();
  sealed_json->assign(buffer.GetString(), buffer.GetSize());
  return Status::OK();
}

Status PersonalDataCipher::OpenValue(const std::string& key, const Uuid& subject,
                                     const std::string& nonce_b64, const std::string& ct_b64,
                                     std::string* plain_json) {
  std::string nonce;
  std::string ct;
  if (!Unbase64(nonce_b64, &nonce) || nonce.size() != kNonceBytes || !Unbase64(ct_b64, &ct) ||
      ct.size() < kTagBytes) {
    return Status::Corruption("sealed personal data of " + ToString(subject) +
                              " has a malformed nonce or ciphertext");
  }
  if (key.size() != kKeyBytes) return Status::Internal("a person key must be 32 bytes");
  const std::string aad = ToString(subject);
  const size_t body = ct.size() - kTagBytes;
  std::string plain(body, '\0');
  CipherContext ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int len = 0;
  int total = 0;
  bool ok =
      ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key), Bytes(nonce)) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), static_cast<int>(aad.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()), &len, Bytes(ct),
                        static_cast<int>(body)) == 1;
  total = len;
  ok = ok &&
       EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes,
                           const_cast<char*>(ct.data()) + body) == 1 &&
       EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(plain.data()) + total,
                           &len) == 1;
  if (!ok) {
    return Status::Corruption(
        "sealed personal data of " + ToString(subject) +
        " does not open with their key (edited ciphertext, nonce or subject)");
  }
  plain.resize(static_cast<size_t>(total + len));
  *plain_json = std::move(plain);
  return Status::OK();
}

Status PersonalDataCipher::Seal(const Uuid& subject, const std::vector<std::string>& members,
                                std::string* payload) {
  rapidjson::Document doc;
  EDU_RETURN_IF_ERROR(json::ParseDocument(*payload, &doc).Annotate("sealing personal data"));
  if (!doc.IsObject())
    return Status::InvalidArgument("sealing personal data: the payload is not an object");
  std::string key;
  bool have_key = false;
  for (const std::string& name : members) {
    auto it = doc.FindMember(name.c_str());
    if (it == doc.MemberEnd() || it->value.IsNull()) continue;
    if (it->value.IsObject() && it->value.HasMember(kSealedMarker)) continue;  // already sealed
    if (!have_key) {
      EDU_RETURN_IF_ERROR(keys_->KeyForWriting(subject, &key));
      have_key = true;
    }
    std::string sealed;
    EDU_RETURN_IF_ERROR(SealValue(key, subject, json::Stringify(it->value), &sealed));
    rapidjson::Document sealed_doc(&doc.GetAllocator());
    sealed_doc.Parse(sealed.data(), sealed.size());
    it->value.CopyFrom(sealed_doc, doc.GetAllocator());
  }
  if (have_key) *payload = json::Stringify(doc);
  return Status::OK();
}

Status PersonalDataCipher::Open(std::string* payload, int* erased) {
  if (payload->find("\"pii\"") == std::string::npos) return Status::OK();  // nothing sealed
  rapidjson::Document doc;
  EDU_RETURN_IF_ERROR(json::ParseDocument(*payload, &doc).Annotate("opening personal data"));
  bool changed = false;
  EDU_RETURN_IF_ERROR(ForEachSealed(doc, [&](rapidjson::Value& sealed) -> Status {
    std::string format = MemberText(sealed, kSealedMarker);
    if (format != kSealedFormat) {
      return Status::Corruption("sealed personal data in format '" + format +
                                "', which this build does not know (it reads '" + kSealedFormat +
                                "')");
    }
    std::string subject_text = MemberText(sealed, "subject");
    auto subject = ParseUuid(subject_text);
    if (!subject)
      return Status::Corruption("sealed personal data names no valid subject ('" + subject_text +
                                "')");
    PersonKeyStore::Lookup key;
    EDU_RETURN_IF_ERROR(keys_->KeyForReading(*subject, &key));
    changed = true;
    if (key.state == PersonKeyStore::KeyState::kDestroyed) {
      sealed.SetNull();
      if (erased) ++*erased;
      return Status::OK();
    }
    if (key.state == PersonKeyStore::KeyState::kUnknown) {
      return Status::Corruption("personal data of " + subject_text +
                                " is sealed with a key this key store never held (is it the "
                                "deployment's key store? see docs/gdpr.md)");
    }
    std::string plain;
    EDU_RETURN_IF_ERROR(OpenValue(key.key, *subject, MemberText(sealed, "nonce"),
                                  MemberText(sealed, "ct"), &plain));
    rapidjson::Document value(&doc.GetAllocator());
    value.Parse(plain.data(), plain.size());
    if (value.HasParseError()) {
      return Status::Corruption("sealed personal data of " + subject_text +
                                " is not JSON once opened");
    }
    sealed.CopyFrom(value, doc.GetAllocator());
    return Status::OK();
  }));
  if (changed) *payload = json::Stringify(doc);
  return Status::OK();
}

}  // namespace edu
