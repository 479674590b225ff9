package pattern_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The parser library is an implementation detail: no exported identifier of
// this package may mention it, so the parser can change without breaking
// library users (issue 8 §3).
func TestExportedAPIHidesParser(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	var leaks []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		leaks = append(leaks, apiLeaks(t, fset, name, string(src), "participle")...)
	}
	assert.Empty(t, leaks)
}

// The check itself must be able to fail.
func TestAPILeakCheckFindsLeaks(t *testing.T) {
	src := `package p
import (
	"github.com/alecthomas/participle/v2/lexer"
	pp "github.com/alecthomas/participle/v2"
)
type Node struct { Pos lexer.Position; hidden lexer.Position }
type inner struct { Pos lexer.Position }
func Parse() *pp.Parser[int] { return nil }
func (n *Node) At() lexer.Position { return n.Pos }
func (n *inner) At() lexer.Position { return n.Pos }
func helper(lexer.Position) {}
var Default = pp.MustBuild[int]()
`
	leaks := apiLeaks(t, token.NewFileSet(), "leak.go", src, "participle")
	assert.Equal(t, []string{"leak.go: Node", "leak.go: Parse", "leak.go: Node.At", "leak.go: Default"}, leaks)
}

var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// apiLeaks lists the exported declarations of one file whose exported
// surface refers to a package whose import path contains lib.
func apiLeaks(t *testing.T, fset *token.FileSet, name, src, lib string) []string {
	t.Helper()
	f, err := parser.ParseFile(fset, name, src, 0)
	require.NoError(t, err)
	banned := map[string]bool{}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		if !strings.Contains(path, lib) {
			continue
		}
		local := path[strings.LastIndex(path, "/")+1:]
		if majorVersion.MatchString(local) {
			trimmed := strings.TrimSuffix(path, "/"+local)
			local = trimmed[strings.LastIndex(trimmed, "/")+1:]
		}
		if imp.Name != nil {
			local = imp.Name.Name
		}
		banned[local] = true
	}
	mentions := func(n ast.Node) bool {
		found := false
		ast.Inspect(n, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && banned[id.Name] {
					found = true
				}
			}
			return !found
		})
		return found
	}
	var leaks []string
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() {
				continue
			}
			what := d.Name.Name
			if d.Recv != nil {
				recv := receiverType(d.Recv.List[0].Type)
				if !ast.IsExported(recv) {
					continue
				}
				what = recv + "." + what
			}
			if mentions(d.Type) {
				leaks = append(leaks, name+": "+what)
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					if s.Name.IsExported() && mentions(exportedSurface(s.Type)) {
						leaks = append(leaks, name+": "+s.Name.Name)
					}
				case *ast.ValueSpec:
					for _, id := range s.Names {
						if id.IsExported() && mentions(s) {
							leaks = append(leaks, name+": "+id.Name)
						}
					}
				}
			}
		}
	}
	return leaks
}

func receiverType(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.StarExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.Ident:
			return x.Name
		default:
			return ""
		}
	}
}

// exportedSurface drops a struct's unexported fields: only exported fields
// are part of the API.
func exportedSurface(e ast.Expr) ast.Node {
	st, ok := e.(*ast.StructType)
	if !ok {
		return e
	}
	out := &ast.FieldList{}
	for _, fl := range st.Fields.List {
		if len(fl.Names) == 0 {
			out.List = append(out.List, fl) // embedded: exported through promotion
			continue
		}
		for _, n := range fl.Names {
			if n.IsExported() {
				out.List = append(out.List, fl)
				break
			}
		}
	}
	return out
}
