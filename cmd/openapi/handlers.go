package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/apikey"
	"github.com/innomunich/platform/pkg/audit"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/interest"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/meeting"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/reference"
	"github.com/innomunich/platform/pkg/report"
	"github.com/innomunich/platform/pkg/trip"
	"github.com/innomunich/platform/pkg/user"
	"github.com/innomunich/platform/pkg/view"
	"github.com/innomunich/platform/pkg/webhook"
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
	"mail.OutboxOrder":  mail.OutboxOrder,

	"opportunity.Sort": opportunity.Sort,

	"interest.Sort": interest.Sort,

	"meeting.Sort": meeting.Sort,

	"report.Sort": report.Sort,

	"webhook.Sort":         webhook.Sort,
	"webhook.DeliverySort": webhook.DeliverySort,

	"view.Sort": view.Sort,
}

// lists are the closed sets handlers pass to q.oneOf, by the expression
// they pass.
var lists = map[string][]string{
	"organisation.Kinds": organisation.Kinds,
	"agreement.Kinds":    agreement.Kinds,
	"agreement.Statuses": agreement.Statuses,
	"project.Phases":     project.Phases,
	"trip.Kinds":         trip.Kinds,
	"trip.Statuses":      trip.Statuses,
	"auth.Roles":         auth.Roles,

	"report.Languages": report.Languages,

	"opportunity.KindCodes":            opportunity.KindCodes,
	"opportunity.ModalityCodes":        opportunity.ModalityCodes,
	"opportunity.StageCodes":           opportunity.StageCodes,
	"opportunity.CooperationTypeCodes": opportunity.CooperationTypeCodes,
	"opportunity.StatusCodes":          opportunity.StatusCodes,

	"view.Lists": view.Lists,

	"interest.Statuses":   interest.Statuses,
	"interest.Directions": interest.Directions,

	"meeting.Statuses": meeting.Statuses,
}

// The years q.year accepts.
var minYear, maxYear float64 = 1900, 2200

// handler is what the source of a handler says about its operation.
type handler struct {
	name   string               // the function's name
	sort   string               // the page.Spec it passes to q.page, e.g. "organisation.Sort"
	params map[string]paramRule // what it checks of query parameters
}

// paramRule is what the server checks of a query parameter.
type paramRule struct {
	enum     []string
	pattern  string
	min, max *float64
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
	for _, fn := range funcs {
		if fn.Doc == nil {
			continue
		}
		for _, m := range routerLine.FindAllStringSubmatch(fn.Doc.Text(), -1) {
			h, err := readQuery(fn, funcs)
			if err != nil {
				return nil, err
			}
			out[strings.ToUpper(m[2])+" "+m[1]] = h
		}
	}
	return out, nil
}

// walk calls visit with every call in fn and in the functions of the
// package fn calls, each function once.
func walk(fn *ast.FuncDecl, funcs map[string]*ast.FuncDecl, seen map[string]bool, visit func(callee string, call *ast.CallExpr)) {
	seen[fn.Name.Name] = true
	ast.Inspect(fn, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		var callee string
		switch f := call.Fun.(type) {
		case *ast.Ident:
			callee = f.Name
		case *ast.SelectorExpr:
			callee = f.Sel.Name
		}
		visit(callee, call)
		if next, ok := funcs[callee]; ok && !seen[callee] {
			walk(next, funcs, seen, visit)
		}
		return true
	})
}

// selector renders pkg.Name, or "" for another expression.
func selector(e ast.Expr) string {
	if sel, ok := e.(*ast.SelectorExpr); ok {
		if pkg, ok := sel.X.(*ast.Ident); ok {
			return pkg.Name + "." + sel.Sel.Name
		}
	}
	return ""
}

// readQuery records what the handler's query reader (api/request.go)
// checks of each parameter: q.page(spec), q.oneOf(name, values...) with
// literal values or a package's list, q.country(name), q.year(name).
func readQuery(fn *ast.FuncDecl, funcs map[string]*ast.FuncDecl) (handler, error) {
	h := handler{name: fn.Name.Name, params: map[string]paramRule{}}
	var err error
	walk(fn, funcs, map[string]bool{}, func(callee string, call *ast.CallExpr) {
		if len(call.Args) == 0 {
			return
		}
		if callee == "page" && h.sort == "" {
			h.sort = selector(call.Args[0])
			return
		}
		lit, ok := call.Args[0].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		name, _ := strconv.Unquote(lit.Value)
		switch callee {
		case "oneOf":
			var rule paramRule
			for _, a := range call.Args[1:] {
				if v, ok := a.(*ast.BasicLit); ok {
					s, _ := strconv.Unquote(v.Value)
					rule.enum = append(rule.enum, s)
				} else if list, ok := lists[selector(a)]; ok && call.Ellipsis.IsValid() {
					rule.enum = append(rule.enum, list...)
				} else {
					err = fmt.Errorf("%s: q.oneOf(%q, …) takes values this command cannot read: add the list to lists", h.name, name)
				}
			}
			h.params[name] = rule
		case "country":
			h.params[name] = paramRule{pattern: countryPattern}
		case "year":
			h.params[name] = paramRule{min: &minYear, max: &maxYear}
		}
	})
	return h, err
}
