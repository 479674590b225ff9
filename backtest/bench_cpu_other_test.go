//go:build !unix

package backtest

import "time"

// processCPU is not measured on this platform; cpu-MB/s is then omitted.
func processCPU() time.Duration { return 0 }
