// RenderedConfig: the HAProxy configuration text kept as its parts, the head and one
// section per service, so that a change of a few services re-renders only theirs and
// says which sections changed. text() is byte-identical to render_haproxy_config of the
// same config, model and slots. Thread-compatible.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "skylr/config.h"
#include "skylr/model.h"
#include "skylr/server_slots.h"

namespace skylr::render {

// A service whose section changed, with the section's text before the change.
struct ChangedSection {
  std::string service;
  std::string before;
};

// What one render changed.
struct RenderChanges {
  bool layout = false;                   // the head changed, or services came or went
  std::vector<ChangedSection> sections;  // services kept whose section changed, by name
};

class RenderedConfig {
 public:
  // Renders the head and the section of every service of `model` anew, replacing all
  // parts; reports what differs from the parts before (a layout change the first time).
  RenderChanges render_all(const Config& config, const Model& model, const SlotTable& slots);

  // Renders anew the sections of `part`'s services only (`part` holds some services of
  // the model last rendered, `slots` at least their slots); the head and the other
  // sections stay. A service that had no section is a layout change.
  RenderChanges render_services(const Config& config, const Model& part, const SlotTable& slots);

  // Files the section of `from` under `to` (a service that took over `from`'s backend),
  // so that the next render of `to` is compared with it.
  void rename_section(const std::string& from, const std::string& to);

  // Drops the sections of `services` (those it has are a layout change).
  RenderChanges remove_services(const std::vector<std::string>& services);

  // The section of `service` as last rendered; empty when it has none.
  std::string_view section(std::string_view service) const;

  // The whole configuration text.
  std::string text() const;

  // True until a render, and after clear().
  bool empty() const { return head_.empty(); }

  // Forgets every part, for when the text HAProxy serves is no longer known.
  void clear();

 private:
  std::string head_;
  std::map<std::string, std::string, std::less<>> sections_;  // by service name
};

}  // namespace skylr::render
