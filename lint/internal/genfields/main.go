// Command genfields builds lint's list of known CloudTrail record field paths
// from real CloudTrail records (NDJSON, optionally gzip-compressed) plus the
// fields the CloudTrail user guide documents ("CloudTrail record contents"),
// so the unknown-cloudtrail-field check knows what a record can contain.
//
// Usage (see the go:generate line in lint/fields.go):
//
//	go run ./internal/genfields -o fields_gen.go testdata/cloudtrail/*.ndjson.gz
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"sort"
	"strings"
)

// Kinds of value seen at a path, as bits (a path can hold a string in one
// record and an object in another).
const (
	kindScalar = 1 << iota
	kindObject
	kindArray
	// kindAlways marks a field every CloudTrail record has: the user guide
	// lists it with "Optional: False" and every sample record that carries
	// an eventVersion (the field that says a record is a whole record, not
	// an excerpt) has it as a non-null scalar.
	kindAlways
)

// required are the top-level fields the user guide's "CloudTrail record
// contents" lists with "Optional: False" that hold a scalar.
var required = []string{"eventTime", "eventVersion", "eventSource", "eventName", "awsRegion",
	"sourceIPAddress", "userAgent", "requestID", "eventID", "eventType"}

// documented lists record fields from the CloudTrail user guide's "CloudTrail
// record contents" and "userIdentity element" pages that the sample records
// may not contain. Paths use "[]" for any array index.
var documented = map[string]int{
	"eventTime": kindScalar, "eventVersion": kindScalar, "userIdentity": kindObject,
	"eventSource": kindScalar, "eventName": kindScalar, "awsRegion": kindScalar,
	"sourceIPAddress": kindScalar, "userAgent": kindScalar, "errorCode": kindScalar,
	"errorMessage": kindScalar, "requestParameters": kindObject, "responseElements": kindObject,
	"additionalEventData": kindObject, "requestID": kindScalar, "eventID": kindScalar,
	"eventType": kindScalar, "apiVersion": kindScalar, "managementEvent": kindScalar,
	"readOnly": kindScalar, "resources": kindArray, "resources[].ARN": kindScalar,
	"resources[].accountId": kindScalar, "resources[].type": kindScalar,
	"recipientAccountId": kindScalar, "serviceEventDetails": kindObject,
	"sharedEventID": kindScalar, "vpcEndpointId": kindScalar, "vpcEndpointAccountId": kindScalar,
	"eventCategory": kindScalar, "addendum": kindObject, "addendum.reason": kindScalar,
	"addendum.updatedFields": kindScalar, "addendum.originalRequestID": kindScalar,
	"addendum.originalEventID": kindScalar, "sessionCredentialFromConsole": kindScalar,
	"edgeDeviceDetails": kindObject, "tlsDetails": kindObject, "tlsDetails.tlsVersion": kindScalar,
	"tlsDetails.cipherSuite": kindScalar, "tlsDetails.clientProvidedHostHeader": kindScalar,
	"insightDetails":    kindObject,
	"userIdentity.type": kindScalar, "userIdentity.principalId": kindScalar,
	"userIdentity.arn": kindScalar, "userIdentity.accountId": kindScalar,
	"userIdentity.accessKeyId": kindScalar, "userIdentity.userName": kindScalar,
	"userIdentity.invokedBy": kindScalar, "userIdentity.identityProvider": kindScalar,
	"userIdentity.credentialId": kindScalar, "userIdentity.onBehalfOf": kindObject,
	"userIdentity.onBehalfOf.userId": kindScalar, "userIdentity.onBehalfOf.identityStoreArn": kindScalar,
	"userIdentity.inScopeOf": kindObject, "userIdentity.inScopeOf.issuerType": kindScalar,
	"userIdentity.inScopeOf.credentialsIssuedTo": kindScalar,
	"userIdentity.inScopeOf.sourceArn":           kindScalar, "userIdentity.inScopeOf.sourceAccount": kindScalar,
	"userIdentity.sessionContext":                                       kindObject,
	"userIdentity.sessionContext.attributes":                            kindObject,
	"userIdentity.sessionContext.attributes.creationDate":               kindScalar,
	"userIdentity.sessionContext.attributes.mfaAuthenticated":           kindScalar,
	"userIdentity.sessionContext.sessionIssuer":                         kindObject,
	"userIdentity.sessionContext.sessionIssuer.type":                    kindScalar,
	"userIdentity.sessionContext.sessionIssuer.principalId":             kindScalar,
	"userIdentity.sessionContext.sessionIssuer.arn":                     kindScalar,
	"userIdentity.sessionContext.sessionIssuer.accountId":               kindScalar,
	"userIdentity.sessionContext.sessionIssuer.userName":                kindScalar,
	"userIdentity.sessionContext.webIdFederationData":                   kindObject,
	"userIdentity.sessionContext.webIdFederationData.federatedProvider": kindScalar,
	"userIdentity.sessionContext.webIdFederationData.attributes":        kindObject,
	"userIdentity.sessionContext.sourceIdentity":                        kindScalar,
	"userIdentity.sessionContext.ec2RoleDelivery":                       kindScalar,
	"userIdentity.sessionContext.assumedRoot":                           kindScalar,
	"additionalEventData.MFAUsed":                                       kindScalar, "additionalEventData.LoginTo": kindScalar,
	"additionalEventData.MobileVersion": kindScalar,
	"responseElements.ConsoleLogin":     kindScalar,
}

func main() {
	out := flag.String("o", "fields_gen.go", "output Go file")
	flag.Parse()
	paths := map[string]int{}
	for p, k := range documented {
		paths[p] |= k
	}
	records := 0
	pr := &presence{count: map[string]int{}}
	for _, name := range flag.Args() {
		n, err := readFile(name, paths, pr)
		if err != nil {
			fmt.Fprintf(os.Stderr, "genfields: %s: %v\n", name, err)
			os.Exit(1)
		}
		records += n
	}
	for _, f := range required {
		if pr.whole > 0 && pr.count[f] == pr.whole {
			paths[f] |= kindAlways
		}
	}
	src, err := render(paths, records, flag.Args())
	if err != nil {
		fmt.Fprintf(os.Stderr, "genfields: %v\n", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "genfields: %v\n", err)
		os.Exit(1)
	}
}

// presence counts, over the records that carry an eventVersion, how many
// have each top-level field as a non-null scalar.
type presence struct {
	whole int
	count map[string]int
}

func (p *presence) add(rec map[string]any) {
	if _, ok := rec["eventVersion"]; !ok {
		return
	}
	p.whole++
	for k, v := range rec {
		switch v.(type) {
		case string, float64, bool:
			p.count[k]++
		}
	}
}

func readFile(name string, paths map[string]int, pr *presence) (int, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(name, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return 0, err
		}
		defer zr.Close()
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	n := 0
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal(line, &rec); err != nil {
			return n, fmt.Errorf("record %d: %w", n+1, err)
		}
		walk("", rec, paths)
		pr.add(rec)
		n++
	}
	return n, sc.Err()
}

func walk(prefix string, v any, paths map[string]int) {
	switch v := v.(type) {
	case map[string]any:
		if prefix != "" {
			paths[prefix] |= kindObject
		}
		for k, e := range v {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			walk(p, e, paths)
		}
	case []any:
		paths[prefix] |= kindArray
		for _, e := range v {
			walk(prefix+"[]", e, paths)
		}
	default:
		if prefix != "" {
			paths[prefix] |= kindScalar
		}
	}
}

func render(paths map[string]int, records int, inputs []string) ([]byte, error) {
	keys := make([]string, 0, len(paths))
	for k := range paths {
		// Keys containing characters a selector cannot spell are kept: the
		// bracket form $.['a.b'] reaches them.
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by genfields from %d CloudTrail records (%s) and the\n", records, strings.Join(inputs, ", "))
	b.WriteString("// CloudTrail user guide's record contents; DO NOT EDIT.\n\npackage lint\n\n")
	b.WriteString("// knownFields maps every CloudTrail record field path seen or documented to\n")
	b.WriteString("// the kinds of value it holds (fieldScalar, fieldObject, fieldArray bits),\n")
	b.WriteString("// and fieldAlways for the fields every record has.\n")
	b.WriteString("// Array elements are written \"[]\".\nvar knownFields = map[string]uint8{\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "\t%q: %d,\n", k, paths[k])
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
