#pragma once
// Experiment runner (sweeps): being written for the workloads/experiments issue.
