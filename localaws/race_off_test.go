//go:build !race

package localaws_test

// raceScale divides the volume of the hostile-input tests under the race
// detector (see race_on_test.go).
const raceScale = 1
