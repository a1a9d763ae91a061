package database

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	semconv "go.opentelemetry.io/otel/semconv/v1.37.0"
	"go.opentelemetry.io/otel/trace"
	"gorm.io/gorm"
)

// Trace makes a client span of every statement run through GORM, a child
// of the span in the statement's context: its name is the operation and
// table ("SELECT organisations"), and it carries the SQL with its
// placeholders, never the values (which may be personal data). Statements
// that River and the migrations run on the pool directly are not traced.
// Call it once, before serving.
func (db *DB) Trace(tp trace.TracerProvider) error {
	tracer := tp.Tracer("github.com/innomunich/platform/pkg/database")
	system := semconv.DBSystemNamePostgreSQL
	if db.Engine == SQLite {
		system = semconv.DBSystemNameSQLite
	}
	type spanKey struct{}
	before := func(tx *gorm.DB) {
		if tx.DryRun {
			return
		}
		ctx, _ := tracer.Start(tx.Statement.Context, "db", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(system))
		tx.Statement.Context = context.WithValue(ctx, spanKey{}, tx.Statement.Context)
	}
	after := func(tx *gorm.DB) {
		ctx := tx.Statement.Context
		parent, ok := ctx.Value(spanKey{}).(context.Context)
		if !ok {
			return
		}
		tx.Statement.Context = parent
		span := trace.SpanFromContext(ctx)
		defer span.End()
		if !span.IsRecording() {
			return
		}
		query := tx.Statement.SQL.String()
		op, _, _ := strings.Cut(strings.TrimSpace(query), " ")
		op = strings.ToUpper(op)
		name := op
		if t := tx.Statement.Table; t != "" {
			name += " " + t
			span.SetAttributes(semconv.DBCollectionName(t))
		}
		span.SetName(name)
		span.SetAttributes(semconv.DBQueryText(query), semconv.DBOperationName(op))
		if n := tx.Statement.RowsAffected; n >= 0 {
			span.SetAttributes(attribute.Int64("db.response.returned_rows", n))
		}
		if err := tx.Error; err != nil && !errors.Is(err, gorm.ErrRecordNotFound) && !errors.Is(err, sql.ErrNoRows) {
			span.RecordError(err)
			span.SetStatus(codes.Error, err.Error())
		}
	}
	cb := db.gorm.Callback()
	for _, r := range []struct {
		name          string
		before, after interface {
			Register(string, func(*gorm.DB)) error
		}
	}{
		{"create", cb.Create().Before("gorm:create"), cb.Create().After("gorm:create")},
		{"query", cb.Query().Before("gorm:query"), cb.Query().After("gorm:query")},
		{"update", cb.Update().Before("gorm:update"), cb.Update().After("gorm:update")},
		{"delete", cb.Delete().Before("gorm:delete"), cb.Delete().After("gorm:delete")},
		{"row", cb.Row().Before("gorm:row"), cb.Row().After("gorm:row")},
		{"raw", cb.Raw().Before("gorm:raw"), cb.Raw().After("gorm:raw")},
	} {
		if err := r.before.Register("innomunich:trace_before_"+r.name, before); err != nil {
			return err
		}
		if err := r.after.Register("innomunich:trace_after_"+r.name, after); err != nil {
			return err
		}
	}
	return nil
}
