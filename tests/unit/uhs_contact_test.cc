// Specifications of Urban Home School contact messages (contact_messages): a message from the
// public form with a name, a well-formed email, a subject and a text; admins or staff read it and
// answer it once (replying reads an unread message).
#include "tests/unit/uhs_forum_fixtures.h"

namespace edu::uhs {

using namespace forum_fixtures;

namespace {

const Uuid kMessage = *ParseUuid("c0000000-0000-4000-8000-000000000001");
const Timestamp kLater = kNow + Hours(3);

SubmitContactMessage Submitted(std::string name = "Achieng Otieno",
                               std::string email = "achieng@example.co.ke",
                               std::string subject = "Fees for Grade 7",
                               std::string message = "How much is the mathematics course?") {
  return SubmitContactMessage{kMessage, std::move(name), std::move(email), std::move(subject),
                              std::move(message)};
}

ContactMessageReceived Received() {
  ContactMessageReceived e;
  e.message_id = kMessage;
  e.name = Personal<std::string>("Achieng Otieno");
  e.email = Personal<std::string>("achieng@example.co.ke");
  e.subject = "Fees for Grade 7";
  e.message = Personal<std::string>("How much is the mathematics course?");
  return e;
}

Spec<ContactMessageDecider> MessageSpec(const Actor& actor, Timestamp at = kLater) {
  Spec<ContactMessageDecider> spec;
  spec.at(at).as(actor).given({Received()});
  return spec;
}

}  // namespace

TEST_SUITE("uhs contact messages") {
  TEST_CASE("the public form (as system) or a member sends a message; blanks are trimmed") {
    Spec<ContactMessageDecider>()
        .as(System())
        .when(Submitted(" Achieng Otieno ", " achieng@example.co.ke", "Fees for Grade 7 "))
        .then({Received()});
    Spec<ContactMessageDecider>().as(Author()).when(Submitted()).then({Received()});
    MessageSpec(System())
        .when(Submitted())
        .then_error("contact_message_already_exists", ErrorKind::kConflict);
  }

  TEST_CASE("a message without a name, subject or text, or with a bad email, is refused") {
    Spec<ContactMessageDecider>().as(System()).when(Submitted(" ")).then_error("name_required");
    Spec<ContactMessageDecider>()
        .as(System())
        .when(Submitted("Achieng", "achieng at example"))
        .then_error("invalid_email");
    Spec<ContactMessageDecider>()
        .as(System())
        .when(Submitted("Achieng", "a@b.ke", ""))
        .then_error("contact_text_required");
    Spec<ContactMessageDecider>()
        .as(System())
        .when(Submitted("Achieng", "a@b.ke", "Fees", "\n "))
        .then_error("contact_text_required");
  }

  TEST_CASE("staff mark a message read, once") {
    auto spec = MessageSpec(Staff());
    spec.when(MarkContactMessageRead{kMessage})
        .then({ContactMessageRead{kMessage, kStaffUser, kLater}});
    CHECK(spec.state().read_at == kLater);
    MessageSpec(Staff())
        .given({ContactMessageRead{kMessage, kStaffUser, kNow}})
        .when(MarkContactMessageRead{kMessage})
        .then_error("contact_message_already_read", ErrorKind::kConflict);
    MessageSpec(Author())
        .when(MarkContactMessageRead{kMessage})
        .then_error("staff_only", ErrorKind::kForbidden);
    Spec<ContactMessageDecider>()
        .as(Staff())
        .when(MarkContactMessageRead{kMessage})
        .then_error("contact_message_not_found", ErrorKind::kNotFound);
  }

  TEST_CASE("an admin answers once; answering an unread message reads it") {
    const Uuid admin = *ParseUuid(Admin().id);
    ContactMessageReplied unread_answer{kMessage, admin, "It is KES 2,500.", kLater, kLater};
    MessageSpec(Admin())
        .when(ReplyToContactMessage{kMessage, "It is KES 2,500."})
        .then({unread_answer});
    ContactMessageReplied read_answer{kMessage, admin, "It is KES 2,500.", kLater, std::nullopt};
    MessageSpec(Admin())
        .given({ContactMessageRead{kMessage, kStaffUser, kNow}})
        .when(ReplyToContactMessage{kMessage, "It is KES 2,500."})
        .then({read_answer});
    // A second reply would overwrite what the sender was already sent.
    MessageSpec(Admin())
        .given({unread_answer})
        .when(ReplyToContactMessage{kMessage, "Also: a discount."})
        .then_error("contact_message_already_replied", ErrorKind::kConflict);
    MessageSpec(Admin())
        .when(ReplyToContactMessage{kMessage, "  "})
        .then_error("contact_text_required");
    MessageSpec(Replier())
        .when(ReplyToContactMessage{kMessage, "Hi"})
        .then_error("staff_only", ErrorKind::kForbidden);
  }
}

}  // namespace edu::uhs
