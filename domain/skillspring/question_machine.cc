// First: it sets the MPL limits that must precede every Boost header.
#include "domain/core/msm_machine.h"

#include "domain/skillspring/question_machine.h"

namespace edu::skillspring {
namespace {

using machines::Ev;
using machines::St;
using machines::msmf::Row;
using S = QuestionStatus;
using T = QuestionTrigger;

struct QuestionFront : machines::FrontBase<QuestionFront, S> {
  using initial_state = St<S::open>;
  // clang-format off
  struct transition_table : boost::mpl::vector<
      //  from           trigger                to
      Row<St<S::open>, Ev<T::mark_solution>, St<S::resolved>>
  > {};
  // clang-format on
};

}  // namespace

EDU_DEFINE_MACHINE(QuestionMachine, QuestionFront, QuestionStatus, QuestionTrigger,
                   "skillspring_question")

}  // namespace edu::skillspring
