package localaws

// recordCalls wraps every operation of the table so that each call is first
// checked against its credentials' expiry and, once answered, recorded as
// CloudTrail would record it (recorder_record.go).
func recordCalls(handlers map[string]map[string]handler) {
	for _, ops := range handlers {
		for name, h := range ops {
			ops[name] = recorded(h)
		}
	}
}

// recorded is one operation wrapped by recordCalls.
func recorded(h handler) handler {
	return func(c *call, decode func(any) error) (any, error) {
		if err := c.sessionExpired(); err != nil {
			return nil, err
		}
		return h(c, decode)
	}
}
