package audit

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/database"
)

// Touched returns the entities of a type created in [from, to), and those
// changed then but created before, each once, in the order of their
// first event there. Entities deleted by to are in neither: a digest
// names what is there to look at.
func Touched(ctx context.Context, db *database.DB, entityType string, from, to time.Time) (created, changed []string, err error) {
	var rows []struct{ EntityID, Action string }
	err = db.Conn(ctx).Model(&Event{}).Select("entity_id, action").
		Where("entity_type = ? AND occurred_at >= ? AND occurred_at < ?", entityType, from.UTC(), to.UTC()).
		Order("occurred_at, id").Find(&rows).Error
	if err != nil {
		return nil, nil, err
	}
	var order []string
	isNew, last := map[string]bool{}, map[string]string{}
	for _, r := range rows {
		if _, seen := last[r.EntityID]; !seen {
			order = append(order, r.EntityID)
			isNew[r.EntityID] = r.Action == Create
		}
		last[r.EntityID] = r.Action
	}
	for _, id := range order {
		switch {
		case last[id] == Delete:
		case isNew[id]:
			created = append(created, id)
		default:
			changed = append(changed, id)
		}
	}
	return created, changed, nil
}
