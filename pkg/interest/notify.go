package interest

import (
	"context"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/notify"
	"github.com/innomunich/platform/pkg/organisation"
)

// Kind is the notification setting that governs the e-mails about
// interests.
const Kind = "opportunity_interest"

// templates are the mail texts (pkg/mail/catalogue) of each status an
// interest reaches; the pipeline steps share one.
var templates = map[string]string{
	Open: "interest_new", Accepted: "interest_accepted", Declined: "interest_declined", Withdrawn: "interest_withdrawn",
}

// stageNames are the pipeline's statuses as the step e-mail names them.
var stageNames = map[string]i18n.Text{
	InDiscussion:    {De: "in Gesprächen", En: "in discussion", Ja: "協議中"},
	NDASigned:       {De: "Geheimhaltungsvereinbarung unterzeichnet", En: "NDA signed", Ja: "秘密保持契約締結済み"},
	AgreementSigned: {De: "Vertrag unterzeichnet", En: "agreement signed", Ja: "契約締結済み"},
	ProjectStarted:  {De: "Projekt gestartet", En: "project started", Ja: "プロジェクト開始"},
	Closed:          {De: "abgeschlossen", En: "closed", Ja: "終了"},
}

// notifyStep tells the other side of the interest that it reached its
// status, by e-mail in each recipient's language, in the transaction of
// the change. The other side is the owner for a new or withdrawn
// interest, the interested organisation for an answer, and for a
// pipeline step whichever side did not take it (both when a coordinator
// did). A nil notifier sends nothing (bulk loaders, package tests).
func notifyStep(ctx context.Context, db *database.DB, n *notify.Notifier, i Interest) error {
	if n == nil {
		return nil
	}
	template, ok := templates[i.Status]
	if !ok {
		template = "interest_step"
	}
	var sides []string
	switch i.Status {
	case Open, Withdrawn: // the interested side acted (or a coordinator for it)
		sides = []string{i.Opportunity.OrganisationID}
	case Accepted, Declined: // the owner answered
		sides = []string{i.OrganisationID}
	default: // a pipeline step: whichever side did not take it
		actor := auth.From(ctx).OrganisationID
		for _, org := range []string{i.OrganisationID, i.Opportunity.OrganisationID} {
			if org != actor {
				sides = append(sides, org)
			}
		}
	}
	var to []notify.Recipient
	for _, org := range sides {
		rs, err := notify.OrganisationUsers(ctx, db, org)
		if err != nil {
			return err
		}
		to = append(to, rs...)
	}
	if len(to) == 0 {
		return nil
	}
	names, err := organisation.Names(ctx, db, []string{i.OrganisationID, i.Opportunity.OrganisationID})
	if err != nil {
		return err
	}
	data := map[string]string{
		"Organisation": names[i.OrganisationID], "Owner": names[i.Opportunity.OrganisationID],
		"Opportunity": i.Opportunity.Title.In("en"), "Stage": stageNames[i.Status].In("en"),
		"Reason": i.DeclineReason + i.ClosedReason,
	}
	byLanguage := map[string]map[string]string{}
	for _, l := range i18n.Locales {
		byLanguage[l] = map[string]string{"Opportunity": i.Opportunity.Title.In(l), "Stage": stageNames[i.Status].In(l)}
	}
	if data["Reason"] == "" {
		data["Reason"] = "–"
	}
	_, err = n.Send(ctx, notify.Notification{Kind: Kind, Template: template, Data: data, ByLanguage: byLanguage,
		Path: "/opportunities/" + i.OpportunityID, To: to})
	return err
}
