package localaws

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// KMS (AWS JSON 1.1): enough for a deployer to tell a customer-managed key
// from the AWS-managed alias/aws/sns and to read a key's policy.

type kmsKey struct {
	meta   keyMetadata
	policy string
	tags   []kmsTag
}

type kmsAlias struct {
	name, keyID      string
	created, updated time.Time
}

type kmsTag struct {
	TagKey   string `json:"TagKey"`
	TagValue string `json:"TagValue"`
}

type keyMetadata struct {
	AWSAccountID          string    `json:"AWSAccountId"`
	KeyID                 string    `json:"KeyId"`
	Arn                   string    `json:"Arn"`
	CreationDate          epochTime `json:"CreationDate"`
	Enabled               bool      `json:"Enabled"`
	Description           string    `json:"Description"`
	KeyUsage              string    `json:"KeyUsage"`
	KeyState              string    `json:"KeyState"`
	Origin                string    `json:"Origin"`
	KeyManager            string    `json:"KeyManager"`
	CustomerMasterKeySpec string    `json:"CustomerMasterKeySpec"`
	KeySpec               string    `json:"KeySpec"`
	EncryptionAlgorithms  []string  `json:"EncryptionAlgorithms,omitempty"`
	SigningAlgorithms     []string  `json:"SigningAlgorithms,omitempty"`
	MacAlgorithms         []string  `json:"MacAlgorithms,omitempty"`
	// KeyAgreementAlgorithms are listed for KEY_AGREEMENT keys.
	KeyAgreementAlgorithms []string `json:"KeyAgreementAlgorithms,omitempty"`
	MultiRegion            bool     `json:"MultiRegion"`
}

// awsManagedAliases are the aliases of AWS-managed keys KMS creates on first
// use; DescribeKey on one that does not exist yet creates it, as AWS does.
var awsManagedAliases = map[string]string{
	"alias/aws/sns":  "Default key that protects my SNS data when no other key is defined",
	"alias/aws/logs": "Default key that protects my CloudWatch Logs data when no other key is defined",
	"alias/aws/s3":   "Default key that protects my S3 objects when no other key is defined",
}

func kmsNotFound(format string, args ...any) *awsError {
	return &awsError{Code: "NotFoundException", Status: 400, Message: fmt.Sprintf(format, args...)}
}

// newKey creates a key in this region.
func (c *call) newKey(description, usage, spec, manager, policy string) *kmsKey {
	id := newRequestID()
	if usage == "" {
		usage = "ENCRYPT_DECRYPT"
	}
	if spec == "" {
		spec = "SYMMETRIC_DEFAULT"
	}
	k := &kmsKey{meta: keyMetadata{
		AWSAccountID: c.account, KeyID: id, Arn: c.st.arn("kms", "key/"+id), CreationDate: epochTime(c.now),
		Enabled: true, Description: description, KeyUsage: usage, KeyState: "Enabled", Origin: "AWS_KMS",
		KeyManager: manager, CustomerMasterKeySpec: spec, KeySpec: spec,
	}}
	k.meta.setAlgorithms()
	if policy == "" {
		policy = defaultKeyPolicy(c.account)
	}
	k.policy = policy
	c.st.keys[id] = k
	return k
}

// defaultKeyPolicy is the policy AWS gives a key created without one.
func defaultKeyPolicy(account string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kms:*","Resource":"*"}]}`, account)
}

// awsManagedKeyPolicy is the policy of an AWS-managed key: usable only
// through its service by principals of the account.
func awsManagedKeyPolicy(account, service, region string) string {
	return fmt.Sprintf(`{"Version":"2012-10-17","Id":"auto-%s","Statement":[{"Sid":"Allow access through %s for all principals in the account that are authorized to use %s","Effect":"Allow","Principal":{"AWS":"*"},"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:CreateGrant","kms:DescribeKey"],"Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"%s","kms:ViaService":"%s.%s.amazonaws.com"}}},{"Sid":"Allow direct access to key metadata to the account","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":["kms:Describe*","kms:Get*","kms:List*"],"Resource":"*"}]}`,
		service, strings.ToUpper(service), strings.ToUpper(service), account, service, region, account)
}

// resolveKey finds a key by id, key ARN, alias name or alias ARN.
func (c *call) resolveKey(ref string) (*kmsKey, error) {
	if ref == "" {
		return nil, &awsError{Code: "ValidationException", Status: 400, Message: validationMessage("", "keyId", "Member must have length greater than or equal to 1")}
	}
	name := ref
	if strings.HasPrefix(ref, "arn:") {
		parts := strings.SplitN(ref, ":", 6)
		if len(parts) != 6 || parts[2] != "kms" {
			return nil, &awsError{Code: "InvalidArnException", Status: 400, Message: "Invalid arn " + ref}
		}
		if parts[3] != c.region || parts[4] != c.account {
			return nil, kmsNotFound("Key '%s' does not exist", ref)
		}
		name = parts[5]
	}
	if id, ok := strings.CutPrefix(name, "key/"); ok {
		name = id
	}
	if strings.HasPrefix(name, "alias/") {
		a := c.st.aliases[name]
		if a == nil {
			desc, managed := awsManagedAliases[name]
			if !managed {
				return nil, kmsNotFound("Alias %s is not found.", c.st.arn("kms", name))
			}
			service := strings.TrimPrefix(name, "alias/aws/")
			k := c.newKey(desc, "", "", "AWS", awsManagedKeyPolicy(c.account, service, c.region))
			a = &kmsAlias{name: name, keyID: k.meta.KeyID, created: c.now, updated: c.now}
			c.st.aliases[name] = a
		}
		name = a.keyID
	}
	k := c.st.keys[name]
	if k == nil {
		return nil, kmsNotFound("Key '%s' does not exist", c.st.arn("kms", "key/"+name))
	}
	return k, nil
}

type keyIDIn struct {
	KeyID string `json:"KeyId"`
}

type keyMetadataOut struct {
	KeyMetadata keyMetadata `json:"KeyMetadata"`
}

func describeKey(c *call, in *keyIDIn) (any, error) {
	k, err := c.resolveKey(in.KeyID)
	if err != nil {
		return nil, err
	}
	return &keyMetadataOut{KeyMetadata: k.meta}, nil
}

type getKeyPolicyIn struct {
	KeyID      string `json:"KeyId"`
	PolicyName string `json:"PolicyName"`
}

type getKeyPolicyOut struct {
	Policy     string `json:"Policy"`
	PolicyName string `json:"PolicyName"`
}

func getKeyPolicy(c *call, in *getKeyPolicyIn) (any, error) {
	if in.PolicyName != "" && in.PolicyName != "default" {
		return nil, kmsNotFound("No such policy exists")
	}
	k, err := c.resolveKey(in.KeyID)
	if err != nil {
		return nil, err
	}
	return &getKeyPolicyOut{Policy: k.policy, PolicyName: "default"}, nil
}

type createKeyIn struct {
	Policy                string   `json:"Policy"`
	Description           string   `json:"Description"`
	KeyUsage              string   `json:"KeyUsage"`
	CustomerMasterKeySpec string   `json:"CustomerMasterKeySpec"`
	KeySpec               string   `json:"KeySpec"`
	Tags                  []kmsTag `json:"Tags"`
}

func createKey(c *call, in *createKeyIn) (any, error) {
	if in.Policy != "" && !json.Valid([]byte(in.Policy)) {
		return nil, &awsError{Code: "MalformedPolicyDocumentException", Status: 400, Message: "The policy is not valid JSON."}
	}
	if len(in.Description) > 8192 {
		return nil, &awsError{Code: "ValidationException", Status: 400, Message: validationMessage("...", "description", "Member must have length less than or equal to 8192")}
	}
	spec := in.KeySpec
	if spec == "" {
		spec = in.CustomerMasterKeySpec
	}
	if in.KeyUsage != "" && !oneOf(in.KeyUsage, []string{"ENCRYPT_DECRYPT", "SIGN_VERIFY", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"}) {
		return nil, &awsError{Code: "ValidationException", Status: 400, Message: validationMessage(in.KeyUsage, "keyUsage", "Member must satisfy enum value set: [SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT]")}
	}
	usage := in.KeyUsage
	if usage == "" {
		usage = "ENCRYPT_DECRYPT"
	}
	if spec == "" {
		spec = "SYMMETRIC_DEFAULT"
	}
	if err := checkKeySpec(spec, usage); err != nil {
		return nil, err
	}
	k := c.newKey(in.Description, usage, spec, "CUSTOMER", in.Policy)
	k.tags = in.Tags
	return &keyMetadataOut{KeyMetadata: k.meta}, nil
}

type createAliasIn struct {
	AliasName   string `json:"AliasName"`
	TargetKeyID string `json:"TargetKeyId"`
}

func createAlias(c *call, in *createAliasIn) (any, error) {
	if !aliasNamePattern.MatchString(in.AliasName) || len(in.AliasName) > 256 {
		return nil, &awsError{Code: "ValidationException", Status: 400, Message: validationMessage(in.AliasName, "aliasName", "Member must satisfy regular expression pattern: ^alias/[a-zA-Z0-9/_-]+$")}
	}
	if strings.HasPrefix(in.AliasName, "alias/aws/") {
		return nil, &awsError{Code: "InvalidAliasNameException", Status: 400, Message: "The alias name cannot begin with alias/aws/: the alias/aws/ prefix is reserved for AWS managed keys."}
	}
	if c.st.aliases[in.AliasName] != nil {
		return nil, &awsError{Code: "AlreadyExistsException", Status: 400, Message: fmt.Sprintf("An alias with the name %s already exists", c.st.arn("kms", in.AliasName))}
	}
	if strings.HasPrefix(in.TargetKeyID, "alias/") {
		return nil, &awsError{Code: "ValidationException", Status: 400, Message: "TargetKeyId must be a key id or key ARN, not an alias."}
	}
	k, err := c.resolveKey(in.TargetKeyID)
	if err != nil {
		return nil, err
	}
	c.st.aliases[in.AliasName] = &kmsAlias{name: in.AliasName, keyID: k.meta.KeyID, created: c.now, updated: c.now}
	return nil, nil
}

type listAliasesIn struct {
	KeyID  string `json:"KeyId"`
	Limit  *int64 `json:"Limit"`
	Marker string `json:"Marker"`
}

type aliasEntry struct {
	AliasName       string     `json:"AliasName"`
	AliasArn        string     `json:"AliasArn"`
	TargetKeyID     string     `json:"TargetKeyId,omitempty"`
	CreationDate    *epochTime `json:"CreationDate,omitempty"`
	LastUpdatedDate *epochTime `json:"LastUpdatedDate,omitempty"`
}

type listAliasesOut struct {
	Aliases    []aliasEntry `json:"Aliases"`
	NextMarker string       `json:"NextMarker,omitempty"`
	Truncated  bool         `json:"Truncated"`
}

// listAliases lists the account's aliases and, like AWS, the predefined
// AWS-managed aliases whose keys do not exist yet (without a TargetKeyId).
func listAliases(c *call, in *listAliasesIn) (any, error) {
	limit := int64(50)
	if in.Limit != nil {
		limit = *in.Limit
		var v violations
		if !v.rangeInt(limit, "limit", 1, 100) {
			return nil, v.err("ValidationException", "")
		}
	}
	keyID := ""
	if in.KeyID != "" {
		k, err := c.resolveKey(in.KeyID)
		if err != nil {
			return nil, err
		}
		keyID = k.meta.KeyID
	}
	var entries []aliasEntry
	for name, a := range c.st.aliases {
		if keyID == "" || a.keyID == keyID {
			entries = append(entries, aliasEntry{AliasName: name, AliasArn: c.st.arn("kms", name), TargetKeyID: a.keyID,
				CreationDate: epochPtr(a.created), LastUpdatedDate: epochPtr(a.updated)})
		}
	}
	if keyID == "" {
		for name := range awsManagedAliases {
			if c.st.aliases[name] == nil {
				entries = append(entries, aliasEntry{AliasName: name, AliasArn: c.st.arn("kms", name)})
			}
		}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].AliasName < entries[j].AliasName })
	page, next, err := paginate(entries, in.Marker, int(limit), &awsError{Code: "InvalidMarkerException", Status: 400, Message: "The marker is not valid."})
	if err != nil {
		return nil, err
	}
	if page == nil {
		page = []aliasEntry{}
	}
	return &listAliasesOut{Aliases: page, NextMarker: next, Truncated: next != ""}, nil
}

// kmsHandlers is the KMS operation table.
func kmsHandlers() map[string]handler {
	return map[string]handler{
		"DescribeKey":  op(describeKey),
		"GetKeyPolicy": op(getKeyPolicy),
		"CreateKey":    op(createKey),
		"CreateAlias":  op(createAlias),
		"ListAliases":  op(listAliases),
	}
}
