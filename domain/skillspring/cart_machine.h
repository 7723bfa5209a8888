// The lifecycle of a Skillspring cart (Boost.MSM; rows in cart_machine.cc): open -> converted
// (checked out into enrollments) | abandoned.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::skillspring {

EDU_ENUM(CartStatus, open, converted, abandoned)
EDU_ENUM(CartTrigger, check_out, abandon)

EDU_DECLARE_MACHINE(CartMachine, CartStatus, CartTrigger)

}  // namespace edu::skillspring
