// Package archtest checks, from a package's own tests, that the package
// imports only what the architecture allows (see the README's layout).
package archtest

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Module is this module's import path prefix.
const Module = "github.com/smbscope/smbscope/"

// Standard reports whether path is a standard-library import.
func Standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// CheckImports fails t for every import of a non-test Go file in the current
// directory that allowed rejects.
func CheckImports(t *testing.T, allowed func(path string) bool) {
	t.Helper()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			if !allowed(path) {
				t.Errorf("%s imports %s, which this package may not use", name, path)
			}
		}
	}
}
