package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/innomunich/platform/pkg/changes"
	"github.com/innomunich/platform/pkg/config"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/mail"
	"github.com/innomunich/platform/pkg/meeting"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/remind"
	"github.com/innomunich/platform/pkg/webhook"
	"github.com/riverqueue/river"
)

// newJobs returns the job client with every worker of the platform,
// working concurrency jobs at once (0: insert only).
func newJobs(cfg config.Config, db *database.DB, logger *slog.Logger, concurrency int) (*jobs.Client, error) {
	sender, err := mail.NewSender(db, mail.Config{SMTPURL: cfg.SMTPURL, From: cfg.MailFrom})
	if err != nil {
		return nil, err
	}
	ws := river.NewWorkers()
	mail.Register(ws, sender)
	reminders := &remind.Reminders{DB: db}
	remind.Register(ws, reminders)
	agendas := &meeting.Agendas{DB: db}
	meeting.RegisterAgendas(ws, agendas)
	changes.Register(ws, &changes.Pruner{DB: db, Retention: cfg.ChangesRetention})
	hooks := &webhook.Dispatcher{DB: db, Guard: webhook.Guard{AllowHTTP: cfg.WebhookAllowHTTP, AllowPrivate: cfg.WebhookAllowPrivate}}
	webhook.Register(ws, hooks)
	periodic := append(remind.Periodic(time.Now), meeting.AgendaPeriodic(time.Now))
	periodic = append(periodic, changes.Periodic()...)
	periodic = append(periodic, hooks.Periodic(cfg.WebhookPoll)...)
	q, err := jobs.New(db, jobs.Config{Concurrency: concurrency, Workers: ws, Periodic: periodic, Logger: logger})
	if err != nil {
		return nil, err
	}
	// The reminders queue their mail on q, which exists only now; they
	// run only after Start.
	reminders.Notifier = notify.New(db, mail.NewMailer(q, mail.Config{SMTPURL: cfg.SMTPURL, From: cfg.MailFrom}), cfg.PublicURL)
	agendas.Notifier = reminders.Notifier
	hooks.Notifier = reminders.Notifier
	return q, nil
}

// startJobs starts the workers and says where mail goes. They run until
// stopJobs, not until ctx ends: a stop lets running jobs finish first.
func startJobs(ctx context.Context, cfg config.Config, q *jobs.Client, logger *slog.Logger) error {
	if cfg.SMTPURL == "" {
		logger.Warn("INNOMUNICH_SMTP_URL is not set: e-mails are not sent but kept in the database, for admins under Outbox in the web app")
	}
	if !q.Working() {
		logger.Info("INNOMUNICH_WORKERS=0: this instance only queues jobs; run `innomunich worker` to work them")
		return nil
	}
	return q.Start(context.WithoutCancel(ctx))
}

func stopJobs(ctx context.Context, q *jobs.Client, logger *slog.Logger) {
	if err := q.Shutdown(ctx); err != nil {
		logger.Warn("stopping job workers", "error", err.Error())
	}
}

// work runs job workers only, without the HTTP server, so that a
// deployment can scale them apart from the API.
func work(ctx context.Context, cfg config.Config, logger *slog.Logger, stdout io.Writer) error {
	if cfg.Workers == 0 {
		return errors.New("INNOMUNICH_WORKERS=0 leaves a worker nothing to do")
	}
	db, err := openDB(ctx, cfg, logger, true)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := migrateUp(ctx, db, logger); err != nil {
		return err
	}
	_, flushTraces, err := startTracing(ctx, cfg, db, logger)
	if err != nil {
		return err
	}
	defer flushTraces()
	q, err := newJobs(cfg, db, logger, cfg.Workers)
	if err != nil {
		return err
	}
	if err := startJobs(ctx, cfg, q, logger); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "InnoMuNiCH worker %s working %d jobs at once\n", version, cfg.Workers)
	<-ctx.Done()
	logger.Info("shutting down", "timeout", cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	stopJobs(sctx, q, logger)
	return nil
}
