package lint

// node is a YAML or JSON document node with positions, the one shape the
// CloudFormation reader walks whichever syntax the template was written in.
type node struct {
	kind nodeKind
	// tag is a YAML short-form tag such as "!Sub" or "!Ref" ("" otherwise).
	tag string
	// off is the byte offset where the node starts in the file.
	off int
	// keys and vals hold a mapping's entries in file order.
	keys []*node
	vals []*node
	// items holds a sequence's elements.
	items []*node
	// str is a scalar's value and position map.
	str text
}

type nodeKind int

const (
	scalarNode nodeKind = iota
	mapNode
	seqNode
)

// get returns the value of a mapping's key, or nil.
func (n *node) get(key string) *node {
	if n == nil || n.kind != mapNode {
		return nil
	}
	for i, k := range n.keys {
		if k != nil && k.kind == scalarNode && k.str.Value == key {
			return n.vals[i]
		}
	}
	return nil
}

// scalar returns the node's value when it is a plain (untagged) scalar.
func (n *node) scalar() (string, bool) {
	if n == nil || n.kind != scalarNode || (n.tag != "" && n.tag != "!!str") {
		return "", false
	}
	return n.str.Value, true
}
