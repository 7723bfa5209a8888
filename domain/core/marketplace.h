#pragma once

#include "domain/core/describe.h"

namespace edu {

// The four products eduledger serves; each is also the PostgreSQL schema of its read tables.
EDU_ENUM(Marketplace, mentorship, peerloop, skillspring, uhs)

}  // namespace edu
