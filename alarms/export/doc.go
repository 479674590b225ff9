// Package export writes a Desired deployment as infrastructure as code, for
// teams that deploy through CloudFormation or Terraform rather than cwpat:
// the same metric filters, alarms, SNS topic, topic policy and subscriptions
// that 'cwpat deploy' would create.
//
// Exports carry no managed-by=cwpat tag: resources owned by a stack belong
// to that stack, and 'cwpat destroy' must never delete them.
package export
