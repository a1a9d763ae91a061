package trip

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/database"
)

// RegistrationClosing returns up to limit trips open for registration
// whose deadline falls within the window from now, soonest deadline
// first: what a coordinator should remind the network of.
func RegistrationClosing(ctx context.Context, db *database.DB, now time.Time, window time.Duration, limit int) ([]Trip, error) {
	var out []Trip
	err := db.Conn(ctx).Model(&Trip{}).Select(listColumns).
		Where("status = ? AND registration_deadline >= ? AND registration_deadline < ?", RegistrationOpen, now, now.Add(window)).
		Order("registration_deadline, id").Limit(limit).Find(&out).Error
	return out, err
}
