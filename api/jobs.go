package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/innomunich/platform/pkg/apperr"
	"github.com/innomunich/platform/pkg/jobs"
	"github.com/innomunich/platform/pkg/page"
	"github.com/labstack/echo/v4"
)

// Job is a background job as an admin sees it (never its arguments).
type Job struct {
	// River's job id: a number, not a UUID.
	ID          int64      `json:"id" example:"42"`
	Kind        string     `json:"kind" example:"mail_send"`
	State       string     `json:"state" enums:"available,cancelled,completed,discarded,pending,retryable,running,scheduled"`
	Attempt     int        `json:"attempt" example:"3"`
	MaxAttempts int        `json:"max_attempts" example:"10"`
	LastError   string     `json:"last_error,omitempty" example:"send mail via mail.example.org: dial tcp: connection refused"`
	LastErrorAt *time.Time `json:"last_error_at" format:"date-time" extensions:"x-nullable"`
	CreatedAt   time.Time  `json:"created_at" format:"date-time"`
	// When it runs next (for scheduled and retryable jobs) or ran.
	ScheduledAt time.Time  `json:"scheduled_at" format:"date-time"`
	FinalizedAt *time.Time `json:"finalized_at" format:"date-time" extensions:"x-nullable"`
} // @name Job

func jobOut(j jobs.Job) Job {
	return Job{ID: j.ID, Kind: j.Kind, State: j.State, Attempt: j.Attempt, MaxAttempts: j.MaxAttempts, LastError: j.LastError,
		LastErrorAt: j.LastErrorAt, CreatedAt: j.CreatedAt, ScheduledAt: j.ScheduledAt, FinalizedAt: j.FinalizedAt}
}

// jobID reads a job id; anything but a positive number is no job.
func jobID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, apperr.New(apperr.NotFound, "No job %q", c.Param("id"))
	}
	return id, nil
}

// listJobs godoc
//
//	@Summary		List background jobs
//	@Description	Newest first; by default the jobs not yet done and the failed ones (state discarded), each with its last error. Admins only.
//	@Tags			jobs
//	@Produce		json
//	@Security		bearer
//	@Param			state	query		[]string	false	"River state; repeat for several"	collectionFormat(multi)	Enums(available,cancelled,completed,discarded,pending,retryable,running,scheduled)
//	@Param			kind	query		string		false	"Job kind, e.g. mail_send"
//	@Param			limit	query		int			false	"Page size, 1–200"	default(50)
//	@Param			cursor	query		string		false	"next_cursor of the previous page"
//	@Success		200		{object}	List[Job]
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/jobs [get]
func (s *server) listJobs(c echo.Context) error {
	q := newQuery(c, "state", "kind")
	limit := q.limit(page.DefaultLimit, jobs.MaxPage)
	if q.str("sort") != "" {
		q.bad.Add("sort", "is not a parameter of this endpoint: jobs are listed newest first")
	}
	if err := q.err(); err != nil {
		return err
	}
	rows, next, err := s.Jobs.List(c.Request().Context(), jobs.Filter{States: c.QueryParams()["state"], Kind: q.str("kind")}, limit, q.str("cursor"))
	if err != nil {
		return err
	}
	return writeList(c, newList(rows, next, jobOut))
}

// retryJob godoc
//
//	@Summary		Run a job again now
//	@Description	A waiting, failed or discarded job runs as soon as a worker is free; the audit log records who did it. Admins only.
//	@Tags			jobs
//	@Produce		json
//	@Security		bearer
//	@Param			id	path		int	true	"Job id"
//	@Success		200	{object}	Job
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/jobs/{id}/retry [post]
func (s *server) retryJob(c echo.Context) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	j, err := s.Jobs.RetryNow(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, jobOut(j))
}

// discardJob godoc
//
//	@Summary		Discard a job
//	@Description	Removes a job that is not running, so it never runs (again); the audit log records who did it. Admins only.
//	@Tags			jobs
//	@Security		bearer
//	@Param			id	path	int	true	"Job id"
//	@Success		204
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem
//	@Router			/api/v1/jobs/{id} [delete]
func (s *server) discardJob(c echo.Context) error {
	id, err := jobID(c)
	if err != nil {
		return err
	}
	if err := s.Jobs.Discard(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
