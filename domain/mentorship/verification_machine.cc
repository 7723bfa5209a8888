// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/mentorship/verification_machine.h"

namespace edu::mentorship {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = VerificationStatus;
using T = VerificationTrigger;

struct VerificationFront : machines::FrontBase<VerificationFront, S> {
  using initial_state = St<S::pending>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from                                      trigger                        to
      Row<St<S::pending>,                      Ev<T::review_documents>,      St<S::documents_under_review>>,
      Row<St<S::documents_under_review>,       Ev<T::check_background>,      St<S::background_check_in_progress>>,
      Row<St<S::background_check_in_progress>, Ev<T::schedule_interview>,    St<S::interview_scheduled>>,
      Row<St<S::interview_scheduled>,          Ev<T::require_trial_session>, St<S::trial_session_required>>,
      Row<St<S::pending>,                      Ev<T::approve>,               St<S::approved>>,
      Row<St<S::documents_under_review>,       Ev<T::approve>,               St<S::approved>>,
      Row<St<S::background_check_in_progress>, Ev<T::approve>,               St<S::approved>>,
      Row<St<S::interview_scheduled>,          Ev<T::approve>,               St<S::approved>>,
      Row<St<S::trial_session_required>,       Ev<T::approve>,               St<S::approved>>,
      Row<St<S::pending>,                      Ev<T::reject>,                St<S::rejected>>,
      Row<St<S::documents_under_review>,       Ev<T::reject>,                St<S::rejected>>,
      Row<St<S::background_check_in_progress>, Ev<T::reject>,                St<S::rejected>>,
      Row<St<S::interview_scheduled>,          Ev<T::reject>,                St<S::rejected>>,
      Row<St<S::trial_session_required>,       Ev<T::reject>,                St<S::rejected>>,
      Row<St<S::approved>,                     Ev<T::suspend>,               St<S::suspended>>,
      Row<St<S::suspended>,                    Ev<T::reinstate>,             St<S::approved>>,
      Row<St<S::rejected>,                     Ev<T::require_reapplication>, St<S::reapplication_required>>,
      Row<St<S::suspended>,                    Ev<T::require_reapplication>, St<S::reapplication_required>>,
      Row<St<S::approved>,                     Ev<T::expire>,                St<S::reapplication_required>>,
      Row<St<S::suspended>,                    Ev<T::expire>,                St<S::reapplication_required>>,
      Row<St<S::reapplication_required>,       Ev<T::reapply>,               St<S::pending>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(VerificationMachine, VerificationFront, VerificationStatus, VerificationTrigger,
                   "mentor_verification")

}  // namespace edu::mentorship
