package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// projectURL is where users find docs and report bugs.
const projectURL = "https://github.com/cwpat/cwpat"

// BuildInfo is what `cwpat version -o json` prints.
type BuildInfo struct {
	Version    string `json:"version"`
	GoVersion  string `json:"goVersion"`
	Platform   string `json:"platform"`
	Commit     string `json:"commit,omitempty"`
	CommitTime string `json:"commitTime,omitempty"`
	Modified   bool   `json:"modified,omitempty"`
}

// readBuildInfo combines the -ldflags Version with what the Go toolchain
// records: `go install ...@v1.2.0` stamps the module version, a build from
// a clone stamps the VCS revision.
func readBuildInfo() BuildInfo {
	b := BuildInfo{Version: Version, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if b.Version == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		b.Version = info.Main.Version
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Commit = s.Value
		case "vcs.time":
			b.CommitTime = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}

// versionString is the version alone, as `cwpat --version` prints it.
func versionString() string { return readBuildInfo().Version }

func newVersionCmd(app *App) *cobra.Command {
	var out Format
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print cwpat's version, Go version and build commit",
		Long: `Print cwpat's version, the Go version it was built with, the platform and,
for builds from a git clone, the commit. -o json prints one JSON object.`,
		Example: "  cwpat version\n  cwpat version -o json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			b := readBuildInfo()
			if out == FormatJSON {
				return app.WriteJSON(b, "  ")
			}
			fmt.Fprintf(app.Stdout, "cwpat %s\n  go:       %s %s\n", b.Version, b.GoVersion, b.Platform)
			if b.Commit != "" {
				dirty := ""
				if b.Modified {
					dirty = " (modified)"
				}
				fmt.Fprintf(app.Stdout, "  commit:   %s%s\n", b.Commit, dirty)
			}
			if b.CommitTime != "" {
				fmt.Fprintf(app.Stdout, "  time:     %s\n", b.CommitTime)
			}
			return nil
		},
	}
	addOutputFlag(cmd, &out, FormatText, FormatJSON)
	return cmd
}

// addVersionFlag defines --version on the root with no -v shorthand: as in
// the AWS CLI, the version is --version (or 'cwpat version'), and -v means
// --verbose on every command that has it. 'cwpat -v' is a usage error that
// says so, rather than cobra's bare "unknown shorthand flag".
func addVersionFlag(root *cobra.Command) {
	root.Flags().Bool("version", false, "print cwpat's version (as 'cwpat version' does)")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if c == root && strings.HasPrefix(err.Error(), "unknown shorthand flag: 'v'") {
			return fmt.Errorf("%w (cwpat's version is --version or 'cwpat version'; -v is --verbose on the commands that have it)", err)
		}
		return err
	})
}
