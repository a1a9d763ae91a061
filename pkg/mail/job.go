package mail

import (
	"context"
	"fmt"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/telemetry"
	"github.com/riverqueue/river"
	"go.opentelemetry.io/otel/attribute"
)

// SendArgs is the job that delivers one message.
type SendArgs struct {
	Message Message `json:"message"`
}

func (SendArgs) Kind() string { return "mail_send" }

// SendWorker works SendArgs jobs with a Sender.
type SendWorker struct {
	river.WorkerDefaults[SendArgs]
	sender Sender
}

// NewWorker returns the worker that delivers queued mail with s.
func NewWorker(s Sender) *SendWorker { return &SendWorker{sender: s} }

func (w *SendWorker) Work(ctx context.Context, j *river.Job[SendArgs]) (err error) {
	// The job's id and attempt, never the recipient or the text.
	ctx, span := telemetry.Start(ctx, "mail.Send", attribute.Int64("job.id", j.ID), attribute.Int("job.attempt", j.Attempt))
	defer func() { telemetry.End(span, err) }()
	return w.sender.Send(ctx, j.Args.Message)
}

// Register adds the mail workers to ws.
func Register(ws *river.Workers, s Sender) {
	river.AddWorker(ws, NewWorker(s))
}

// Mailer queues messages for delivery.
type Mailer struct {
	q    *jobs.Client
	from string
}

// NewMailer returns a mailer that queues on q in the name of cfg.From.
func NewMailer(q *jobs.Client, cfg Config) *Mailer {
	return &Mailer{q: q, from: cfg.From}
}

// Queue enqueues m for delivery in the transaction in ctx: the message is
// sent if and only if that transaction commits.
func (ml *Mailer) Queue(ctx context.Context, m Message) error {
	if len(m.To) == 0 {
		return fmt.Errorf("mail %q has no recipient", m.Kind)
	}
	if m.MessageID == "" {
		m.MessageID = newMessageID(ml.from)
	}
	if m.Date.IsZero() {
		m.Date = database.Now()
	}
	return ml.q.Enqueue(ctx, SendArgs{Message: m}, nil)
}
