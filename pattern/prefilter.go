package pattern

import (
	"bytes"
	"encoding/binary"
)

// gramLen is the length of the byte grams the prefilter samples, and
// minLong the literal length from which a literal is found by sampling
// rather than by bytes.Index of its own.
const (
	gramLen = 4
	minLong = 8
)

// prefilter skips events that cannot match any rule of a fastProgram without
// parsing them. Every rule's requirement (prefilter_literals.go) names
// literals the raw event must contain; the prefilter finds which literals
// occur and lets the event through only if some rule's requirement holds.
// It never changes an answer: it only rejects events whose rules are all
// certainly false, and events with a \u escape (which can spell any
// literal) always pass.
//
// Long literals are found by sampling: every literal occurrence of length L
// >= minL contains a gram (gramLen bytes) starting at a multiple of the
// stride minL-gramLen+1, so only those positions are looked up, in a bitset
// of every gram of every literal; a hit is verified against the literals
// containing that gram. Short literals use bytes.Index.
type prefilter struct {
	lits   []string
	short  []int32   // literals shorter than minLong
	stride int       // sampling step for long literals
	bloom  []uint64  // 1<<16 bits: hash of every gram of a long literal
	slots  []gramSet // open addressing by gram
	occs   []gramOcc
	rules  [][][]int32 // per rule, its clauses as literal ids
	words  int         // uint64 words of a found-literals set
}

type gramSet struct {
	gram   uint32
	first  int32 // index in occs of the literals holding the gram
	n      int32
	filled bool
}

type gramOcc struct {
	lit int32
	off int32 // where the gram starts in the literal
}

// newPrefilter builds the prefilter of prog, or nil when some rule has no
// requirement (it could match an event with none of the literals).
func newPrefilter(prog *fastProgram) *prefilter {
	pf := &prefilter{}
	ids := map[string]int32{}
	for _, r := range prog.rules {
		req := ruleRequirement(r, prog.conds)
		if len(req) == 0 {
			return nil
		}
		var rule [][]int32
		for _, c := range req {
			var ids32 []int32
			for _, lit := range c {
				id, ok := ids[lit]
				if !ok {
					id = int32(len(pf.lits))
					ids[lit] = id
					pf.lits = append(pf.lits, lit)
				}
				ids32 = append(ids32, id)
			}
			rule = append(rule, ids32)
		}
		pf.rules = append(pf.rules, rule)
	}
	pf.words = (len(pf.lits) + 63) / 64
	pf.buildGrams()
	return pf
}

// buildGrams indexes, for every long literal, one gram per residue class
// of its offsets modulo the stride. An occurrence of a literal is sampled at
// the offsets of one residue class (which one depends on where it starts),
// and each class has at least one offset, since a literal is at least
// stride+gramLen-1 long; so one gram per class finds every occurrence. Of a
// class's grams the one least common in CloudTrail records is indexed
// (commonGrams), so sampling the many "amazonaws.com" and "arn:aws:" of a
// record rarely costs a verification.
func (pf *prefilter) buildGrams() {
	minL := 0
	for id, lit := range pf.lits {
		if len(lit) < minLong {
			pf.short = append(pf.short, int32(id))
			continue
		}
		if minL == 0 || len(lit) < minL {
			minL = len(lit)
		}
	}
	if minL == 0 {
		return
	}
	pf.stride = minL - gramLen + 1
	byGram := map[uint32][]gramOcc{}
	var order []uint32
	for id, lit := range pf.lits {
		if len(lit) < minLong {
			continue
		}
		for r := 0; r < pf.stride; r++ {
			best, bestScore := -1, 0
			for off := r; off+gramLen <= len(lit); off += pf.stride {
				if score := commonGrams[lit[off:off+gramLen]]; best < 0 || score < bestScore {
					best, bestScore = off, score
				}
			}
			g := binary.LittleEndian.Uint32([]byte(lit[best:]))
			if _, ok := byGram[g]; !ok {
				order = append(order, g)
			}
			byGram[g] = append(byGram[g], gramOcc{lit: int32(id), off: int32(best)})
		}
	}
	pf.bloom = make([]uint64, (1<<16)/64)
	size := 1
	for size < 2*len(order) {
		size <<= 1
	}
	pf.slots = make([]gramSet, size)
	for _, g := range order {
		h := gramHash(g)
		pf.bloom[h>>6] |= 1 << (h & 63)
		i := int(h) & (size - 1)
		for pf.slots[i].filled {
			i = (i + 1) & (size - 1)
		}
		pf.slots[i] = gramSet{gram: g, first: int32(len(pf.occs)), n: int32(len(byGram[g])), filled: true}
		pf.occs = append(pf.occs, byGram[g]...)
	}
}

// commonGrams counts the grams of text every CloudTrail record is made of
// (field names, ARNs, service endpoints, agents), to steer buildGrams away
// from grams that occur in most records. Only speed depends on it.
var commonGrams = func() map[string]int {
	const text = `{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROA:session",` +
		`"arn":"arn:aws:sts::123456789012:assumed-role/Admin/session","accountId":"123456789012",` +
		`"accessKeyId":"ASIA","userName":"","sessionContext":{"sessionIssuer":{"type":"Role",` +
		`"arn":"arn:aws:iam::123456789012:role/Admin"},"webIdFederationData":{},"attributes":` +
		`{"creationDate":"2023-07-10T11:42:36Z","mfaAuthenticated":"false"}},"invokedBy":"amazonaws.com"},` +
		`"eventTime":"2023-07-10T11:42:36Z","eventSource":"ec2.amazonaws.com","eventName":"Describe",` +
		`"awsRegion":"us-east-1","sourceIPAddress":"192.0.2.1","userAgent":"aws-cli/2 Python/3 Linux/5 ` +
		`exe/x86_64 botocore/1 aws-sdk-go-v2/1 Boto3/1 console.amazonaws.com","requestParameters":null,` +
		`"responseElements":null,"requestID":"","eventID":"","readOnly":true,"eventType":"AwsApiCall",` +
		`"managementEvent":true,"recipientAccountId":"123456789012","eventCategory":"Management",` +
		`"tlsDetails":{"tlsVersion":"TLSv1.2","cipherSuite":"ECDHE-RSA-AES128-GCM-SHA256",` +
		`"clientProvidedHostHeader":"ec2.us-east-1.amazonaws.com"},"sessionCredentialFromConsole":"true",` +
		`"errorCode":"","errorMessage":"","resources":[{"ARN":"","type":"AWS::"}],"sharedEventID":""}`
	m := map[string]int{}
	for i := 0; i+gramLen <= len(text); i++ {
		m[text[i:i+gramLen]]++
	}
	return m
}()

func gramHash(g uint32) uint32 { return (g * 0x9E3779B1) >> 16 }

// mayMatch reports whether some rule's literals all occur in event (or the
// event has a \u escape); found is scratch of pf.words words.
func (pf *prefilter) mayMatch(event []byte, found []uint64) bool {
	// The \u test is only needed to overturn a rejection, so it runs last.
	return pf.literalsHold(event, found) || hasUnicodeEscape(event)
}

// literalsHold finds the literals in event and reports whether some rule
// has one in every clause, stopping as soon as one does.
func (pf *prefilter) literalsHold(event []byte, found []uint64) bool {
	clear(found)
	for _, id := range pf.short {
		if bytes.Contains(event, []byte(pf.lits[id])) {
			found[id>>6] |= 1 << (id & 63)
		}
	}
	if pf.rulesHold(found) {
		return true
	}
	if pf.stride == 0 {
		return false
	}
	mask := len(pf.slots) - 1
	for i := 0; i+gramLen <= len(event); i += pf.stride {
		g := binary.LittleEndian.Uint32(event[i:])
		h := gramHash(g)
		if pf.bloom[h>>6]&(1<<(h&63)) == 0 {
			continue
		}
		for j := int(h) & mask; pf.slots[j].filled; j = (j + 1) & mask {
			s := &pf.slots[j]
			if s.gram != g {
				continue
			}
			if pf.verify(event, i, pf.occs[s.first:s.first+s.n], found) && pf.rulesHold(found) {
				return true
			}
			break
		}
	}
	return false
}

// verify checks the literals that contain the gram at event[i:] and marks
// those that occur there; it reports whether it found a new one.
func (pf *prefilter) verify(event []byte, i int, occs []gramOcc, found []uint64) bool {
	added := false
	for _, o := range occs {
		if found[o.lit>>6]&(1<<(o.lit&63)) != 0 {
			continue
		}
		lit := pf.lits[o.lit]
		start := i - int(o.off)
		end := start + len(lit)
		// The end bytes first: most candidates fail there, cheaper than
		// a call to compare the whole literal.
		if start < 0 || end > len(event) || event[start] != lit[0] || event[end-1] != lit[len(lit)-1] ||
			string(event[start:end]) != lit {
			continue
		}
		found[o.lit>>6] |= 1 << (o.lit & 63)
		added = true
	}
	return added
}

// rulesHold reports whether some rule has a found literal in every clause.
func (pf *prefilter) rulesHold(found []uint64) bool {
	any := false
	for _, w := range found {
		any = any || w != 0
	}
	if !any {
		return false
	}
rules:
	for _, rule := range pf.rules {
		for _, c := range rule {
			hit := false
			for _, id := range c {
				if found[id>>6]&(1<<(id&63)) != 0 {
					hit = true
					break
				}
			}
			if !hit {
				continue rules
			}
		}
		return true
	}
	return false
}

// hasUnicodeEscape reports whether event holds a \u escape, which can spell
// any character of a literal. An escaped backslash (\\) is skipped so that
// \\u, a backslash followed by the letter u, does not count.
func hasUnicodeEscape(event []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(event[i:], '\\')
		if j < 0 {
			return false
		}
		i += j
		if i+1 < len(event) && event[i+1] == 'u' {
			return true
		}
		i += 2
		if i >= len(event) {
			return false
		}
	}
}
