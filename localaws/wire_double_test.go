package localaws

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Doubles go out over the JSON protocols with a fraction, as AWS writes
// them, so botocore reads Threshold 1 as 1.0, not the integer 1.
func TestJSONDoubles(t *testing.T) {
	for f, want := range map[float64]string{
		1: "1.0", 0: "0.0", 300: "300.0", -2: "-2.0", 0.5: "0.5", 123456789: "123456789.0",
		1e21: "1e+21", 1e-7: "1e-07", math.NaN(): `"NaN"`, math.Inf(1): `"Infinity"`,
	} {
		b, err := json.Marshal(jsonDouble(f))
		assert.NoError(t, err)
		assert.Equal(t, want, string(b), "%v", f)
	}
	b, err := json.Marshal(jsonTree(struct {
		Threshold float64 `json:"Threshold"`
		Count     int32   `json:"Count"`
	}{1, 3}))
	assert.NoError(t, err)
	assert.JSONEq(t, `{"Threshold":1.0,"Count":3}`, string(b))
	assert.Contains(t, string(b), `"Threshold":1.0`)
}
