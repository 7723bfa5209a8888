// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/mentorship/booking_machine.h"

namespace edu::mentorship {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = BookingStatus;
using T = BookingTrigger;

struct BookingFront : machines::FrontBase<BookingFront, S> {
  using initial_state = St<S::requested>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                    trigger                     to
      Row<St<S::requested>,   Ev<T::pay>,             St<S::confirmed>>,
      Row<St<S::requested>,   Ev<T::cancel>,          St<S::cancelled>>,
      Row<St<S::confirmed>,   Ev<T::reschedule>,      St<S::rescheduled>>,
      Row<St<S::confirmed>,   Ev<T::start>,           St<S::in_progress>>,
      Row<St<S::confirmed>,   Ev<T::complete>,        St<S::completed>>,
      Row<St<S::confirmed>,   Ev<T::cancel>,          St<S::cancelled>>,
      Row<St<S::confirmed>,   Ev<T::student_no_show>, St<S::no_show>>,
      Row<St<S::confirmed>,   Ev<T::mentor_no_show>,  St<S::disputed>>,
      Row<St<S::rescheduled>, Ev<T::reschedule>,      St<S::rescheduled>>,
      Row<St<S::rescheduled>, Ev<T::start>,           St<S::in_progress>>,
      Row<St<S::rescheduled>, Ev<T::complete>,        St<S::completed>>,
      Row<St<S::rescheduled>, Ev<T::cancel>,          St<S::cancelled>>,
      Row<St<S::rescheduled>, Ev<T::student_no_show>, St<S::no_show>>,
      Row<St<S::rescheduled>, Ev<T::mentor_no_show>,  St<S::disputed>>,
      Row<St<S::in_progress>, Ev<T::complete>,        St<S::completed>>,
      Row<St<S::in_progress>, Ev<T::student_no_show>, St<S::no_show>>,
      Row<St<S::in_progress>, Ev<T::dispute>,         St<S::disputed>>,
      Row<St<S::completed>,   Ev<T::dispute>,         St<S::disputed>>,
      Row<St<S::no_show>,     Ev<T::dispute>,         St<S::disputed>>,
      Row<St<S::disputed>,    Ev<T::resolve>,         St<S::resolved>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(BookingMachine, BookingFront, BookingStatus, BookingTrigger, "booking")

}  // namespace edu::mentorship
