// The transcoding lifecycle of a Skillspring media asset (Boost.MSM; rows in media_machine.cc),
// with the seed's media_assets.transcoding_status: an instructor's upload is pending; the media
// adapter reports processing started, then ready or failed; the instructor may retry a failed
// asset, which is pending again.
#pragma once

#include "domain/core/describe.h"
#include "domain/core/machine_decl.h"

namespace edu::skillspring {

EDU_ENUM(TranscodingStatus, pending, processing, ready, failed)
EDU_ENUM(TranscodingTrigger, start_processing, finish, fail, retry)

EDU_DECLARE_MACHINE(MediaMachine, TranscodingStatus, TranscodingTrigger)

}  // namespace edu::skillspring
