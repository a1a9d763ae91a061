// Package demo owns the demo data set: the real facts of the project
// description (BioM, Osaka BioHeadquarters, Kawasaki City) and clearly
// fictional sample records ("Example …", "Sample …"). Resource packages
// add their part here as they arrive.
package demo

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/agreement"
	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
	"github.com/innomunich/platform/pkg/project"
	"github.com/innomunich/platform/pkg/trip"
)

// Summary counts what Seed added, by kind.
type Summary map[string]int

func ptr[T any](v T) *T { return &v }

// organisations of the demo set; the first three are real (domain.md).
var organisations = []organisation.Organisation{
	{Name: "BioM Biotech Cluster Development GmbH", ShortName: "BioM", Kind: "cluster", Country: "DE", Region: ptr("bavaria"), City: "Martinsried",
		Website: "https://www.bio-m.org", FocusAreas: []string{"personalised_medicine", "immunomodulation", "viral_oncology", "cell_gene_therapy", "small_molecules"},
		Description: i18n.Text{
			De: "Cluster-Organisation der Münchner Biotechnologie; koordiniert InnoMuNiCH, gefördert vom BMBF.",
			En: "The Munich biotech cluster organisation; coordinates InnoMuNiCH, funded by the BMBF.",
			Ja: "ミュンヘンのバイオテクノロジー・クラスター組織。InnoMuNiCHを統括（BMBF助成）。"}},
	{Name: "Osaka BioHeadquarters", NameLocal: "大阪バイオ・ヘッドクォーター", NameKana: "オオサカバイオヘッドクォーター", Kind: "cluster", Country: "JP",
		Region: ptr("osaka"), City: "Osaka", Description: i18n.Text{
			De: "Partnerregion Osaka; Kooperationsvereinbarung mit BioM seit 2011.",
			En: "Partner region Osaka; cooperation agreement with BioM since 2011.",
			Ja: "パートナー地域・大阪。2011年よりBioMと協力協定。"}},
	{Name: "Kawasaki City", NameLocal: "川崎市", NameKana: "カワサキシ", Kind: "government", Country: "JP", Region: ptr("kawasaki"), City: "Kawasaki",
		Description: i18n.Text{De: "Partnerregion Kawasaki; MoU mit BioM 2017.", En: "Partner region Kawasaki; MoU with BioM in 2017.", Ja: "パートナー地域・川崎。2017年にBioMと覚書。"}},
	// Fictional.
	{Name: "Example Biotech GmbH", Kind: "biotech", SME: true, Employees: ptr(42), Country: "DE", Region: ptr("bavaria"), City: "Planegg",
		FocusAreas: []string{"cell_gene_therapy"}, Description: i18n.Text{En: "Fictional SME developing CAR-T cell therapies (demo data).", De: "Fiktives KMU für CAR-T-Zelltherapien (Demodaten)."}},
	{Name: "Beispiel Therapeutics AG", Kind: "biotech", SME: true, Employees: ptr(120), Country: "DE", Region: ptr("bavaria"), City: "München",
		FocusAreas: []string{"small_molecules", "viral_oncology"}, Description: i18n.Text{De: "Fiktives Unternehmen für niedermolekulare Wirkstoffe (Demodaten)."}},
	{Name: "Sample Pharma K.K.", NameLocal: "サンプル製薬株式会社", NameKana: "サンプルセイヤク", Kind: "pharma", Employees: ptr(5200), Country: "JP",
		Region: ptr("osaka"), City: "Osaka", FocusAreas: []string{"immunomodulation", "small_molecules"},
		Description: i18n.Text{En: "Fictional Japanese pharma company (demo data).", Ja: "架空の製薬会社（デモデータ）。"}},
	{Name: "Example Cell Therapy Kawasaki K.K.", NameLocal: "エグザンプル細胞治療株式会社", NameKana: "エグザンプルサイボウチリョウ", Kind: "biotech", SME: true,
		Employees: ptr(35), Country: "JP", Region: ptr("kawasaki"), City: "Kawasaki", FocusAreas: []string{"cell_gene_therapy"},
		Description: i18n.Text{En: "Fictional start-up in Kawasaki (demo data).", Ja: "川崎の架空のスタートアップ（デモデータ）。"}},
}

// people of the demo set: all fictional, at fictional organisations.
var people = []struct {
	org string
	p   person.Person
}{
	{"Example Biotech GmbH", person.Person{GivenName: "Anna", FamilyName: "Beispiel", Position: "Head of Business Development", Email: "anna.beispiel@example.org", Languages: "de en"}},
	{"Beispiel Therapeutics AG", person.Person{GivenName: "Max", FamilyName: "Mustermann", Position: "CSO", Email: "max.mustermann@example.org", Languages: "de en"}},
	{"Sample Pharma K.K.", person.Person{GivenName: "Taro", FamilyName: "Yamada", GivenNameLocal: "太郎", FamilyNameLocal: "山田", GivenNameKana: "タロウ",
		FamilyNameKana: "ヤマダ", Position: "Director, Business Development", Email: "taro.yamada@example.jp", Languages: "ja en"}},
	{"Example Cell Therapy Kawasaki K.K.", person.Person{GivenName: "Hanako", FamilyName: "Suzuki", GivenNameLocal: "花子", FamilyNameLocal: "鈴木",
		GivenNameKana: "ハナコ", FamilyNameKana: "スズキ", Position: "CEO", Email: "hanako.suzuki@example.jp", Languages: "ja en de"}},
}

// Seed adds the demo data set in one transaction. Callers seed only into
// a new, empty database.
func Seed(ctx context.Context, db *database.DB) (Summary, error) {
	ctx = auth.With(ctx, auth.System("demo data"))
	out := Summary{}
	err := db.WithTx(ctx, func(ctx context.Context) error {
		ids := map[string]string{}
		for _, o := range organisations {
			created, err := organisation.Create(ctx, db, o, false)
			if err != nil {
				return err
			}
			ids[o.Name] = created.ID
			out["organisations"]++
		}
		consent := time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)
		for _, x := range people {
			p := x.p
			p.OrganisationID, p.ConsentAt = ids[x.org], &consent
			if _, err := person.Create(ctx, db, p); err != nil {
				return err
			}
			out["people"]++
		}
		var firstTrip string
		for _, t := range trips(ids) {
			created, err := trip.Create(ctx, db, t)
			if err != nil {
				return err
			}
			if firstTrip == "" {
				firstTrip = created.ID
			}
			out["trips"]++
		}
		if err := seedProject(ctx, db, ids, firstTrip); err != nil {
			return err
		}
		out["projects"]++
		for _, a := range agreements(ids) {
			if _, err := agreement.Create(ctx, db, a); err != nil {
				return err
			}
			out["agreements"]++
		}
		n, err := seedOpportunities(ctx, db, ids)
		out["opportunities"] = n
		if err != nil {
			return err
		}
		n, err = seedInterests(ctx, db, ids)
		out["interests"] = n
		return err
	})
	return out, err
}

// seedProject adds a fictional joint project that grew from the demo trip,
// funded on both sides.
func seedProject(ctx context.Context, db *database.DB, ids map[string]string, tripID string) error {
	de, jp := ids["Example Biotech GmbH"], ids["Sample Pharma K.K."]
	p, err := project.Create(ctx, db, project.Project{Title: "CAR-T cells against virally induced cancers (demo)", Acronym: "CARVIC",
		Phase: "implementation", StartDate: ptr("2027-01-01"), EndDate: ptr("2029-12-31"), OriginTripID: &tripID,
		Summary:    i18n.Text{En: "Fictional German–Japanese joint project (demo data).", Ja: "架空の日独共同研究プロジェクト（デモデータ）。"},
		FocusAreas: []string{"cell_gene_therapy", "viral_oncology"},
		Partners: []project.Partner{{OrganisationID: de, Role: "coordinator"}, {OrganisationID: jp, Role: "partner"},
			{OrganisationID: ids["BioM Biotech Cluster Development GmbH"], Role: "associated"}}})
	if err != nil {
		return err
	}
	for _, f := range []project.Funding{
		{Funder: "bmbf", Programme: "Fictional programme (demo)", Reference: "031X0000A", RecipientID: de, Amount: 95000000, Currency: "EUR"},
		{Funder: "amed", Programme: "Fictional programme (demo)", RecipientID: jp, Amount: 40000000, Currency: "JPY"},
	} {
		if _, err := project.AddFunding(ctx, db, p.ID, f); err != nil {
			return err
		}
	}
	_, err = project.AddMilestone(ctx, db, p.ID, project.Milestone{Title: "Preclinical proof of concept", DueOn: "2028-06-30"})
	return err
}

// trips of the demo set: fictional dates and programmes in the spirit of
// the entrepreneur trips BioM has organised since 2010.
func trips(ids map[string]string) []trip.Trip {
	capacity := 12
	return []trip.Trip{
		{Title: "Delegation trip of Bavarian SMEs to Osaka and Kawasaki (demo)", Kind: "delegation_trip", Country: "JP",
			Regions: []string{"kawasaki", "osaka"}, Cities: "Osaka\nKawasaki", StartDate: "2027-04-12", EndDate: "2027-04-16", TimeZone: "Asia/Tokyo",
			Status: trip.RegistrationOpen, Capacity: &capacity, Organisers: []string{ids["BioM Biotech Cluster Development GmbH"]},
			Description: i18n.Text{
				De: "Unternehmerreise mit Firmenbesuchen und B2B-Gesprächen (Demodaten).",
				En: "Entrepreneur trip with company visits and B2B meetings (demo data).",
				Ja: "企業訪問とB2B商談を含む視察団（デモデータ）。"}},
		{Title: "Incoming delegation from Kawasaki to Munich (demo)", Kind: "incoming_delegation", Country: "DE",
			Regions: []string{"bavaria"}, Cities: "München\nMartinsried", StartDate: "2027-10-04", EndDate: "2027-10-06", TimeZone: "Europe/Berlin",
			Status: trip.Planned, Organisers: []string{ids["BioM Biotech Cluster Development GmbH"], ids["Kawasaki City"]},
			Description: i18n.Text{En: "Fictional visit of Kawasaki companies to the Munich cluster (demo data)."}},
	}
}

// agreements of the demo set: the two real ones with the precision the
// project description gives (signed 2011 and 2017; the 2011 agreement has
// been renewed regularly, on dates the description does not give), and a
// fictional company-level one.
func agreements(ids map[string]string) []agreement.Agreement {
	party := func(names ...string) []agreement.Party {
		out := make([]agreement.Party, len(names))
		for i, n := range names {
			out[i] = agreement.Party{OrganisationID: ids[n]}
		}
		return out
	}
	return []agreement.Agreement{
		{Title: "Cooperation agreement BioM – Osaka BioHeadquarters", Kind: "cooperation_agreement", SignedOn: "2011",
			Parties: party("BioM Biotech Cluster Development GmbH", "Osaka BioHeadquarters"),
			Summary: i18n.Text{
				De: "Erste offizielle Kooperationsvereinbarung zwischen BioM und Osaka BioHeadquarters, seitdem regelmäßig erneuert.",
				En: "First official cooperation agreement between BioM and Osaka BioHeadquarters, renewed regularly since.",
				Ja: "BioMと大阪バイオ・ヘッドクォーターの最初の正式な協力協定。以後定期的に更新。"}},
		{Title: "MoU BioM – Kawasaki City", Kind: "mou", SignedOn: "2017",
			Parties: party("BioM Biotech Cluster Development GmbH", "Kawasaki City"),
			Summary: i18n.Text{
				De: "Im Rahmen von InnoMuNiCH unterzeichnetes Memorandum of Understanding mit der Stadt Kawasaki.",
				En: "Memorandum of understanding with Kawasaki City, signed within InnoMuNiCH.",
				Ja: "InnoMuNiCHの枠組みで川崎市と締結した覚書。"}},
		{Title: "Confidentiality agreement Example Biotech – Sample Pharma (demo)", Kind: "confidentiality_agreement", SignedOn: "2026-02-10",
			ValidFrom: ptr("2026-02-10"), ValidUntil: ptr("2027-02-09"), Parties: party("Example Biotech GmbH", "Sample Pharma K.K."),
			FocusAreas: []string{"cell_gene_therapy"}, Summary: i18n.Text{En: "Fictional NDA for exchanging CAR-T data (demo data)."}},
	}
}
