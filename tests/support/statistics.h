// Summary statistics of measured samples (milliseconds, sizes), for the benchmarks and
// the soak. Pure functions.
#pragma once

#include <vector>

namespace skylr::testing {

// The median of `samples` (the mean of the middle two for an even count); 0 when empty.
double median(std::vector<double> samples);

// The nearest-rank `percent` percentile of `samples` (0 < percent ≤ 100); 0 when empty.
double percentile(std::vector<double> samples, double percent);

}  // namespace skylr::testing
