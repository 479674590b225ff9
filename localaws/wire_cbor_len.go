package localaws

import "errors"

// cborItemEnd returns the offset just past the first CBOR data item in b.
// smithy-go's decoder reads one item and ignores what follows it, so a body
// with bytes after its map (a truncated or concatenated request) would be
// answered as if whole; AWS refuses such a body, and so does the endpoint.
func cborItemEnd(b []byte) (int, error) {
	return cborSkip(b, 0, 0)
}

var errCBORTruncated = errors.New("unexpected end of payload")

// cborSkip returns the offset past the item starting at i.
func cborSkip(b []byte, i, depth int) (int, error) {
	if depth > 512 {
		return 0, errors.New("nested too deeply")
	}
	if i >= len(b) {
		return 0, errCBORTruncated
	}
	major, info := b[i]>>5, b[i]&0x1f
	i++
	if info == 31 { // indefinite length
		switch major {
		case 2, 3, 4, 5:
			for {
				if i >= len(b) {
					return 0, errCBORTruncated
				}
				if b[i] == 0xff {
					return i + 1, nil
				}
				var err error
				if i, err = cborSkip(b, i, depth+1); err != nil {
					return 0, err
				}
				if major == 5 {
					if i, err = cborSkip(b, i, depth+1); err != nil {
						return 0, err
					}
				}
			}
		case 7:
			return 0, errors.New("unexpected break marker")
		default:
			return 0, errors.New("indefinite length on a type that has none")
		}
	}
	var arg uint64
	switch {
	case info < 24:
		arg = uint64(info)
	case info <= 27:
		n := 1 << (info - 24)
		if len(b)-i < n {
			return 0, errCBORTruncated
		}
		for _, c := range b[i : i+n] {
			arg = arg<<8 | uint64(c)
		}
		i += n
	default:
		return 0, errors.New("reserved additional information")
	}
	switch major {
	case 0, 1, 7:
		return i, nil
	case 2, 3:
		if arg > uint64(len(b)-i) {
			return 0, errCBORTruncated
		}
		return i + int(arg), nil
	case 4, 5:
		if arg > uint64(len(b)-i) { // every item takes at least one byte
			return 0, errCBORTruncated
		}
		items := int(arg)
		if major == 5 {
			items *= 2
		}
		var err error
		for k := 0; k < items; k++ {
			if i, err = cborSkip(b, i, depth+1); err != nil {
				return 0, err
			}
		}
		return i, nil
	case 6: // a tag, then its item
		return cborSkip(b, i, depth+1)
	}
	return 0, errors.New("unknown major type")
}
