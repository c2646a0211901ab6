// The check of Marathon's answer before a sync applies it. A drastic change from the
// served model (model/drastic_change.h: an empty app list, or more than
// reload.max_removed_share of all servers removed at once) is read a second time, from
// another of the marathon_hosts when there is one: a second answer with the same servers
// confirms it; one that differs without being drastic is applied instead; anything else is
// refused, and the last good configuration stays. Thread-compatible.
#pragma once

#include "skylr/config.h"
#include "skylr/marathon_client.h"
#include "skylr/model.h"
#include "skylr/sync_report.h"

namespace skylr::sync {

// Sets report.verdict and report.verdict_detail for report.model, which the first read of
// Marathon gave, against `served`, the model HAProxy serves (a malformed app of the second
// read keeps its servers there too). Reads Marathon again only when the change is drastic.
// On kCorrected report.model becomes the second read's model; on kRefused, `served`.
void check_answer(const Config& config, MarathonClient& marathon, const Model& served, SyncReport& report);

}  // namespace skylr::sync
