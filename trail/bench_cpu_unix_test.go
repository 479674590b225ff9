//go:build unix

package trail

import (
	"syscall"
	"time"
)

// processCPU is the CPU time this process has used. The benchmarks divide
// bytes by it as well as by wall time: on a machine shared with other
// builds, wall time measures the queue for a core as much as the matcher.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
