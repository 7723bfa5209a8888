#include "domain/peerloop/post.h"

#include "domain/peerloop/rules.h"
#include "domain/peerloop/user.h"

namespace edu::peerloop {
namespace {

Decision<PostDecider::Event> Create(const CreatePost& c, const PostState& s,
                                    const DecisionContext& ctx) {
  if (s.exists) {
    return Reject(codes::kPostAlreadyExists, "post {} already exists", ToString(c.post_id));
  }
  if (!Is(ctx.actor, c.author_id)) {
    return Reject(codes::kNotOwnPost, "actor {} may post only as themselves", ctx.actor.id);
  }
  if (!ctx.refs->Find<UserState>(UserStream(c.author_id))) {
    return NotFound(codes::kAuthorNotFound, "user", c.author_id);
  }
  if (c.content.empty()) {
    return Reject(codes::kContentRequired, "a post needs content");
  }
  return PostCreated{
      c.post_id,  c.author_id, c.course_id, c.content, c.post_type.value_or(PostType::post),
      c.parent_id};
}

}  // namespace

Decision<PostDecider::Event> PostDecider::decide(const Command& command, const State& state,
                                                 const DecisionContext& ctx) {
  return std::visit(Overloaded{[&](const CreatePost& c) { return Create(c, state, ctx); }},
                    command);
}

PostState PostDecider::evolve(State s, const Event& event) {
  std::visit(Overloaded{[&](const PostCreated& e) {
               s.exists = true;
               s.post_id = e.post_id;
               s.author_id = e.author_id;
               s.course_id = e.course_id;
               s.parent_id = e.parent_id;
             }},
             event);
  return s;
}

}  // namespace edu::peerloop
