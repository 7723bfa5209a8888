// ForgetPerson in every marketplace where people exist (domain/privacy/person.h). A marketplace's
// people live in its "<marketplace>.user" streams; it gets the command once that aggregate is
// registered, so this runs after the marketplaces themselves.
#include "commands/registry.h"
#include "domain/privacy/person.h"

namespace edu {
namespace {

template <Marketplace M>
struct People;

#define EDU_PEOPLE(market)                                           \
  template <>                                                        \
  struct People<Marketplace::market> {                               \
    static constexpr Marketplace kMarketplace = Marketplace::market; \
    static constexpr const char* kCategory = #market ".person";      \
    static constexpr const char* kPersonCategory = #market ".user";  \
  };

EDU_PEOPLE(mentorship)
EDU_PEOPLE(peerloop)
EDU_PEOPLE(skillspring)
EDU_PEOPLE(uhs)
#undef EDU_PEOPLE

template <Marketplace M>
void RegisterForgetPerson(Registry* r) {
  using Traits = People<M>;
  if (r->FindAggregate(Traits::kPersonCategory) == nullptr) return;  // no people here (yet)
  r->AddCommand<privacy::PersonDecider<Traits>, privacy::ForgetPerson<Traits>>(
      {"admin"},
      "Forget a person (GDPR erasure): records PersonForgotten and destroys their personal-data "
      "key; the history stays, their personal fields read back as erased");
}

}  // namespace

void RegisterPrivacy(Registry* r) {
  RegisterForgetPerson<Marketplace::mentorship>(r);
  RegisterForgetPerson<Marketplace::peerloop>(r);
  RegisterForgetPerson<Marketplace::skillspring>(r);
  RegisterForgetPerson<Marketplace::uhs>(r);
}

}  // namespace edu
