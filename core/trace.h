#pragma once
// Trace export (Chrome Trace Event Format): being written for the workloads/experiments issue.
