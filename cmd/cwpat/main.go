// Command cwpat tests, lints, deploys and audits CloudWatch Logs metric
// filters and the CIS AWS Foundations monitoring alarm baseline.
package main

import (
	"os"

	"github.com/cwpat/cwpat/internal/cli"
)

func main() { os.Exit(cli.Main()) }
