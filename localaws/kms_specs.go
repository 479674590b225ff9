package localaws

import (
	"regexp"
	"sort"
	"strings"
)

// What KMS allows for each key spec, from the KMS Developer Guide's "Key
// spec reference": the key usages a spec may have and the algorithms
// DescribeKey then lists. A key that can only sign lists signing algorithms,
// not encryption ones.

type keySpecInfo struct {
	usages     []string
	encryption []string // by usage ENCRYPT_DECRYPT
	signing    []string // by usage SIGN_VERIFY
	mac        []string // by usage GENERATE_VERIFY_MAC
	agreement  []string // by usage KEY_AGREEMENT
}

var (
	rsaSigning = []string{"RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512",
		"RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384", "RSASSA_PKCS1_V1_5_SHA_512"}
	rsaEncryption = []string{"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"}
	ecdh          = []string{"ECDH"}
)

var keySpecs = map[string]keySpecInfo{
	"SYMMETRIC_DEFAULT": {usages: []string{"ENCRYPT_DECRYPT"}, encryption: []string{"SYMMETRIC_DEFAULT"}},
	"RSA_2048":          {usages: []string{"ENCRYPT_DECRYPT", "SIGN_VERIFY"}, encryption: rsaEncryption, signing: rsaSigning},
	"RSA_3072":          {usages: []string{"ENCRYPT_DECRYPT", "SIGN_VERIFY"}, encryption: rsaEncryption, signing: rsaSigning},
	"RSA_4096":          {usages: []string{"ENCRYPT_DECRYPT", "SIGN_VERIFY"}, encryption: rsaEncryption, signing: rsaSigning},
	"ECC_NIST_P256":     {usages: []string{"SIGN_VERIFY", "KEY_AGREEMENT"}, signing: []string{"ECDSA_SHA_256"}, agreement: ecdh},
	"ECC_NIST_P384":     {usages: []string{"SIGN_VERIFY", "KEY_AGREEMENT"}, signing: []string{"ECDSA_SHA_384"}, agreement: ecdh},
	"ECC_NIST_P521":     {usages: []string{"SIGN_VERIFY", "KEY_AGREEMENT"}, signing: []string{"ECDSA_SHA_512"}, agreement: ecdh},
	"ECC_SECG_P256K1":   {usages: []string{"SIGN_VERIFY"}, signing: []string{"ECDSA_SHA_256"}},
	"HMAC_224":          {usages: []string{"GENERATE_VERIFY_MAC"}, mac: []string{"HMAC_SHA_224"}},
	"HMAC_256":          {usages: []string{"GENERATE_VERIFY_MAC"}, mac: []string{"HMAC_SHA_256"}},
	"HMAC_384":          {usages: []string{"GENERATE_VERIFY_MAC"}, mac: []string{"HMAC_SHA_384"}},
	"HMAC_512":          {usages: []string{"GENERATE_VERIFY_MAC"}, mac: []string{"HMAC_SHA_512"}},
}

// checkKeySpec refuses a key spec KMS does not know, or a usage the spec
// cannot have (SIGN_VERIFY without a KeySpec is SYMMETRIC_DEFAULT, which
// only encrypts).
func checkKeySpec(spec, usage string) *awsError {
	info, ok := keySpecs[spec]
	if !ok {
		names := make([]string, 0, len(keySpecs))
		for n := range keySpecs {
			names = append(names, n)
		}
		return &awsError{Code: "ValidationException", Status: 400, Message: validationMessage(spec, "keySpec",
			"Member must satisfy enum value set: ["+strings.Join(sorted(names), ", ")+"]")}
	}
	if !oneOf(usage, info.usages) {
		return &awsError{Code: "ValidationException", Status: 400,
			Message: "KeyUsage " + usage + " is not compatible with KeySpec " + spec + "; " + spec + " keys can be used for " + strings.Join(info.usages, ", ") + "."}
	}
	return nil
}

// setAlgorithms fills the algorithms DescribeKey lists for the key's spec
// and usage.
func (m *keyMetadata) setAlgorithms() {
	info := keySpecs[m.KeySpec]
	m.EncryptionAlgorithms, m.SigningAlgorithms, m.MacAlgorithms, m.KeyAgreementAlgorithms = nil, nil, nil, nil
	switch m.KeyUsage {
	case "ENCRYPT_DECRYPT":
		m.EncryptionAlgorithms = info.encryption
	case "SIGN_VERIFY":
		m.SigningAlgorithms = info.signing
	case "GENERATE_VERIFY_MAC":
		m.MacAlgorithms = info.mac
	case "KEY_AGREEMENT":
		m.KeyAgreementAlgorithms = info.agreement
	}
}

// aliasNamePattern is CreateAlias's AliasName pattern in the KMS API
// reference.
var aliasNamePattern = regexp.MustCompile(`^alias/[a-zA-Z0-9/_-]+$`)

func sorted(s []string) []string {
	sort.Strings(s)
	return s
}
