#pragma once
// The recorded cluster of tests/fixtures/kubernetes (the list answers the fake
// Kubernetes API serves), and GoogleTest printers for what a collection returns.
#include <ostream>

#include "releases/kubernetes/workload_images.hpp"

namespace switchyard::kubernetes {

void PrintTo(const ContainerImage& image, std::ostream* os);
void PrintTo(const SkippedContainer& skipped, std::ostream* os);

}  // namespace switchyard::kubernetes

namespace switchyard::testing {

// workload_images() of the recorded answers: what every collection of the
// unchanged fake cluster must return. Throws when a file is missing or not a List.
kubernetes::ClusterSnapshot recorded_cluster_snapshot();

}  // namespace switchyard::testing
