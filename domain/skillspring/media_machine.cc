// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/skillspring/media_machine.h"

namespace edu::skillspring {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = TranscodingStatus;
using T = TranscodingTrigger;

struct MediaFront : machines::FrontBase<MediaFront, S> {
  using initial_state = St<S::pending>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                 trigger                  to
      Row<St<S::pending>,    Ev<T::start_processing>, St<S::processing>>,
      Row<St<S::processing>, Ev<T::finish>,           St<S::ready>>,
      Row<St<S::processing>, Ev<T::fail>,             St<S::failed>>,
      Row<St<S::failed>,     Ev<T::retry>,            St<S::pending>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(MediaMachine, MediaFront, TranscodingStatus, TranscodingTrigger,
                   "skillspring_media_asset")

}  // namespace edu::skillspring
