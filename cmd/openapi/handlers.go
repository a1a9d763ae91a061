package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/reference"
	"github.com/innomunich/platform/pkg/trip"
	"github.com/innomunich/platform/pkg/user"
)

// sortSpecs are the list orders handlers pass to q.page, by the expression
// they pass: the spec's sort values and limit come from the very value the
// server checks requests against.
var sortSpecs = map[string]page.Spec{
	"agreement.Sort":    agreement.Sort,
	"apikey.Sort":       apikey.Sort,
	"audit.Sort":        audit.Sort,
	"organisation.Sort": organisation.Sort,
	"person.Sort":       person.Sort,
	"project.Sort":      project.Sort,
	"reference.Sort":    reference.Sort,
	"trip.Sort":         trip.Sort,
	"user.Sort":         user.Sort,
}

// handler is what the source of a handler says about its operation.
type handler struct {
	name string // the function's name
	sort string // the page.Spec it passes to q.page, e.g. "organisation.Sort"
}

var routerLine = regexp.MustCompile(`@Router\s+(\S+)\s+\[(\w+)\]`)

// readHandlers finds the handler of each "@Router path [method]" in dir,
// keyed "METHOD path".
func readHandlers(dir string) (map[string]handler, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	funcs := map[string]*ast.FuncDecl{}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok {
				funcs[fn.Name.Name] = fn
			}
		}
	}
	out := map[string]handler{}
	for name, fn := range funcs {
		if fn.Doc == nil {
			continue
		}
		for _, m := range routerLine.FindAllStringSubmatch(fn.Doc.Text(), -1) {
			out[strings.ToUpper(m[2])+" "+m[1]] = handler{name: name, sort: pageSpec(fn, funcs, map[string]bool{})}
		}
	}
	return out, nil
}

// pageSpec returns the argument of the q.page(pkg.Spec) call in fn or in
// a function of the package that fn calls.
func pageSpec(fn *ast.FuncDecl, funcs map[string]*ast.FuncDecl, seen map[string]bool) string {
	var spec string
	seen[fn.Name.Name] = true
	ast.Inspect(fn, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || spec != "" {
			return spec == ""
		}
		var callee string
		switch f := call.Fun.(type) {
		case *ast.Ident:
			callee = f.Name
		case *ast.SelectorExpr:
			callee = f.Sel.Name
		}
		if callee == "page" && len(call.Args) == 1 {
			if arg, ok := call.Args[0].(*ast.SelectorExpr); ok {
				if pkg, ok := arg.X.(*ast.Ident); ok {
					spec = pkg.Name + "." + arg.Sel.Name
					return false
				}
			}
		}
		if next, ok := funcs[callee]; ok && !seen[callee] {
			spec = pageSpec(next, funcs, seen)
		}
		return true
	})
	return spec
}
