//go:build !unix

package testenv

import "time"

// ProcessCPU is not measured on this platform: it returns 0, and benchmarks
// then omit cpu-MB/s.
func ProcessCPU() time.Duration { return 0 }
