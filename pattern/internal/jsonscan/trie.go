package jsonscan

import (
	"fmt"
	"maps"
	"math/bits"
	"slices"
	"strconv"
	"strings"
)

// maxNodes bounds the deterministic trie. Wildcards can make one event value
// belong to several selector paths at once; the trie has one node per
// distinct set of positions, which is small for real rule sets (AWS allows at
// most three wildcards per pattern) but could grow for adversarial ones.
const maxNodes = 1 << 16

// Trie is every selector path of a rule set merged into one deterministic
// tree: at each object member or array element the reader follows exactly one
// node, whatever mix of names and wildcards the paths use. A Trie is
// immutable and safe for concurrent use.
type Trie struct {
	nodes []node
	paths int
}

// node is one position in the trie. Values reaching it are offered for every
// path in leaves, and its edges say which members and elements to enter.
type node struct {
	keys   []keyEdge
	keyMap map[string]int32 // name -> index in keys, when there are over 64
	byLen  []uint64         // by name length: bitmask of the keys of that length
	anyKey int32            // target for members not in keys, or -1
	idx    []idxEdge
	anyIdx int32 // target for elements not in idx, or -1
	leaves []int32
	obj    bool // some member of an object value leads somewhere
	arr    bool // some element of an array value leads somewhere
}

type keyEdge struct {
	name string
	next int32
}

type idxEdge struct {
	index int
	next  int32
}

// nfaNode is one position of the plain (non-deterministic) trie of paths,
// where a wildcard edge and a named edge may both accept the same member.
type nfaNode struct {
	keys   map[string]int
	anyKey int
	idx    map[int]int
	anyIdx int
	anyAll int // Any: both a member and an element wildcard
	leaves []int32
}

// NewTrie builds the trie for paths; path i is reported to the Visitor as i.
// Identical paths are allowed and each is reported.
func NewTrie(paths []Path) (*Trie, error) {
	nfa := []nfaNode{newNFANode()}
	for id, p := range paths {
		n := 0
		for _, st := range p {
			n = nfaChild(&nfa, n, st)
			if n < 0 {
				return nil, fmt.Errorf("jsonscan: path %d (%s): step kind %d unknown", id, p, st.Kind)
			}
		}
		nfa[n].leaves = append(nfa[n].leaves, int32(id))
	}
	t := &Trie{paths: len(paths)}
	if err := t.determinize(nfa); err != nil {
		return nil, err
	}
	return t, nil
}

func newNFANode() nfaNode { return nfaNode{anyKey: -1, anyIdx: -1, anyAll: -1} }

// nfaChild returns the child of node n along st, creating it.
func nfaChild(nfa *[]nfaNode, n int, st Step) int {
	add := func() int {
		*nfa = append(*nfa, newNFANode())
		return len(*nfa) - 1
	}
	switch st.Kind {
	case Key:
		if c, ok := (*nfa)[n].keys[st.Name]; ok {
			return c
		}
		c := add()
		if (*nfa)[n].keys == nil {
			(*nfa)[n].keys = map[string]int{}
		}
		(*nfa)[n].keys[st.Name] = c
		return c
	case Index:
		if st.Index < 0 {
			return -1
		}
		if c, ok := (*nfa)[n].idx[st.Index]; ok {
			return c
		}
		c := add()
		if (*nfa)[n].idx == nil {
			(*nfa)[n].idx = map[int]int{}
		}
		(*nfa)[n].idx[st.Index] = c
		return c
	case AnyKey:
		if (*nfa)[n].anyKey < 0 {
			c := add()
			(*nfa)[n].anyKey = c
		}
		return (*nfa)[n].anyKey
	case AnyIndex:
		if (*nfa)[n].anyIdx < 0 {
			c := add()
			(*nfa)[n].anyIdx = c
		}
		return (*nfa)[n].anyIdx
	case Any:
		if (*nfa)[n].anyAll < 0 {
			c := add()
			(*nfa)[n].anyAll = c
		}
		return (*nfa)[n].anyAll
	}
	return -1
}

// determinize turns the NFA into t.nodes by the subset construction: each
// trie node stands for the set of NFA positions a value can be at.
func (t *Trie) determinize(nfa []nfaNode) error {
	ids := map[string]int32{}
	var sets [][]int
	intern := func(set []int) (int32, error) {
		if len(set) == 0 {
			return -1, nil
		}
		slices.Sort(set)
		set = slices.Compact(set)
		k := setKey(set)
		if id, ok := ids[k]; ok {
			return id, nil
		}
		if len(sets) >= maxNodes {
			return -1, fmt.Errorf("jsonscan: the selector paths need more than %d trie nodes; use fewer wildcards", maxNodes)
		}
		id := int32(len(sets))
		ids[k] = id
		sets = append(sets, set)
		t.nodes = append(t.nodes, node{anyKey: -1, anyIdx: -1})
		return id, nil
	}
	if _, err := intern([]int{0}); err != nil {
		return err
	}
	for cur := 0; cur < len(sets); cur++ {
		set := sets[cur]
		var nd node
		nd.anyKey, nd.anyIdx = -1, -1
		var anyKeys, anyIdxs []int
		names := map[string]bool{}
		indexes := map[int]bool{}
		for _, m := range set {
			nd.leaves = append(nd.leaves, nfa[m].leaves...)
			if nfa[m].anyKey >= 0 {
				anyKeys = append(anyKeys, nfa[m].anyKey)
			}
			if nfa[m].anyIdx >= 0 {
				anyIdxs = append(anyIdxs, nfa[m].anyIdx)
			}
			if nfa[m].anyAll >= 0 {
				anyKeys = append(anyKeys, nfa[m].anyAll)
				anyIdxs = append(anyIdxs, nfa[m].anyAll)
			}
			for k := range nfa[m].keys {
				names[k] = true
			}
			for k := range nfa[m].idx {
				indexes[k] = true
			}
		}
		slices.Sort(nd.leaves)
		var err error
		for _, name := range slices.Sorted(maps.Keys(names)) {
			target := slices.Clone(anyKeys)
			for _, m := range set {
				if c, ok := nfa[m].keys[name]; ok {
					target = append(target, c)
				}
			}
			var next int32
			if next, err = intern(target); err != nil {
				return err
			}
			nd.keys = append(nd.keys, keyEdge{name: name, next: next})
		}
		for _, index := range slices.Sorted(maps.Keys(indexes)) {
			target := slices.Clone(anyIdxs)
			for _, m := range set {
				if c, ok := nfa[m].idx[index]; ok {
					target = append(target, c)
				}
			}
			var next int32
			if next, err = intern(target); err != nil {
				return err
			}
			nd.idx = append(nd.idx, idxEdge{index: index, next: next})
		}
		if nd.anyKey, err = intern(slices.Clone(anyKeys)); err != nil {
			return err
		}
		if nd.anyIdx, err = intern(slices.Clone(anyIdxs)); err != nil {
			return err
		}
		nd.obj = len(nd.keys) > 0 || nd.anyKey >= 0
		nd.arr = len(nd.idx) > 0 || nd.anyIdx >= 0
		if len(nd.keys) <= 64 {
			for j, e := range nd.keys {
				for len(nd.byLen) <= len(e.name) {
					nd.byLen = append(nd.byLen, 0)
				}
				nd.byLen[len(e.name)] |= 1 << j
			}
		} else {
			nd.keyMap = make(map[string]int32, len(nd.keys))
			for j, e := range nd.keys {
				nd.keyMap[e.name] = int32(j)
			}
		}
		t.nodes[cur] = nd
	}
	return nil
}

func setKey(set []int) string {
	var b strings.Builder
	for _, n := range set {
		b.WriteString(strconv.Itoa(n))
		b.WriteByte(',')
	}
	return b.String()
}

// Paths is the number of paths the trie was built from.
func (t *Trie) Paths() int { return t.paths }

// Nodes is the number of trie nodes, a measure of how much wildcards cost.
func (t *Trie) Nodes() int { return len(t.nodes) }

// member returns the index in nd.keys of the edge named by the object
// member whose raw (still escaped) name is raw, or -1 when no named edge
// takes it (nd.anyKey then does).
func (nd *node) member(raw []byte, escaped bool, scratch *[keyScratch]byte) int {
	if len(nd.keys) == 0 {
		return -1
	}
	if escaped {
		return nd.memberEscaped(raw, scratch)
	}
	if nd.keyMap != nil {
		if j, ok := nd.keyMap[string(raw)]; ok {
			return int(j)
		}
		return -1
	}
	if len(raw) >= len(nd.byLen) {
		return -1
	}
	for m := nd.byLen[len(raw)]; m != 0; m &= m - 1 {
		j := bits.TrailingZeros64(m)
		if nd.keys[j].name == string(raw) {
			return j
		}
	}
	return -1
}

// memberEscaped is member for a name written with escapes, compared as gjson
// compares it: after decoding.
func (nd *node) memberEscaped(raw []byte, scratch *[keyScratch]byte) int {
	var name []byte
	if len(raw) <= keyScratch {
		// Decoding never lengthens a JSON string, so it fits.
		name = appendUnescaped(scratch[:0], raw)
	} else {
		name = appendUnescaped(nil, raw)
	}
	return nd.member(name, false, scratch)
}

// element returns the node for array element i, or -1.
func (nd *node) element(i int) int32 {
	for _, e := range nd.idx {
		if e.index == i {
			return e.next
		}
	}
	return nd.anyIdx
}
