package agreement

import (
	"context"

	"github.com/innomunich/platform/pkg/database"
)

// Reminder thresholds: an agreement ends within 90 days, within 30 days,
// or has expired without being renewed.
const (
	Ends90  = "90"
	Ends30  = "30"
	Lapsed  = "expired"
	catchUp = 30
)

// Due is an agreement the coordinators are reminded of on a day.
type Due struct {
	ID    string
	Title string
	// ValidUntil is the end the reminder is about; a renewal moves it,
	// and the reminders of the new end are new ones.
	ValidUntil string
	// Threshold is Ends90, Ends30 or Lapsed.
	Threshold string
}

// DueForReminder returns the agreements to remind of on day today
// (YYYY-MM-DD), by end date. It follows Status: an agreement whose end
// is past is expired, and "not renewed", because a renewal moves its end
// (ValidUntil) to the new one; terminated agreements and drafts are
// never due. Each is in the window of one threshold: ending in 31–90
// days (Ends90), in 0–30 days (Ends30), or ended up to 30 days ago
// (Lapsed). The windows, not exact days, let a run that was missed catch
// up; the 30 days of Lapsed keep agreements that ran out long before
// (an imported register) from being announced as news.
func DueForReminder(ctx context.Context, db *database.DB, today string) ([]Due, error) {
	var rows []Agreement
	// valid_until_sort is valid_until for agreements with an end.
	err := db.Conn(ctx).Model(&Agreement{}).Select("id, title, kind, signed_on, valid_until, terminated_on").
		Where("valid_until_sort >= ? AND valid_until_sort <= ? AND valid_until IS NOT NULL", addDays(today, -catchUp), addDays(today, ExpiringWithin)).
		Order("valid_until_sort, id").Find(&rows).Error
	if err != nil {
		return nil, err
	}
	var out []Due
	for _, a := range rows {
		d := Due{ID: a.ID, Title: a.Title, ValidUntil: *a.ValidUntil}
		switch a.Status(today) {
		case Expired:
			d.Threshold = Lapsed
		case Expiring:
			d.Threshold = Ends90
			if d.ValidUntil <= addDays(today, 30) {
				d.Threshold = Ends30
			}
		default: // draft or terminated
			continue
		}
		out = append(out, d)
	}
	return out, nil
}
