//go:build race

package localaws_test

// raceScale divides the volume of the hostile-input tests under the race
// detector, which slows JSON decoding ten-fold: the bounds they check hold
// at any volume past the limits they set.
const raceScale = 4
