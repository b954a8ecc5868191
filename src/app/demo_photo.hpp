#pragma once
// Pictures for the demo city's evidence: small PNGs drawn in code, so that the demo needs no image
// files and stays deterministic.
#include <string>

namespace anjian::app {

// A 320×240 PNG: a hazard-stripe scene for a finding (`after` false) or a tidy green one for the
// rectified state; `variant` (any number) changes the colours, so that a list shows several.
std::string DemoPhoto(bool after, int variant);

}  // namespace anjian::app
