// The policies file moved with the marketplaces: marketplaces/policy_config.h.
#pragma once

#include "marketplaces/policy_config.h"
