//go:build unix

package testenv

import (
	"syscall"
	"time"
)

// ProcessCPU is the CPU time this process has used. Benchmarks divide bytes
// by it as well as by wall time (cpu-MB/s): on a machine shared with other
// builds, wall time measures the queue for a core as much as the code.
func ProcessCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
