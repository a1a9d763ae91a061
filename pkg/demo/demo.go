// Package demo owns the demo data set: the real facts of the project
// description (BioM, Osaka BioHeadquarters, Kawasaki City) and clearly
// fictional sample records ("Example …", "Sample …"). Resource packages
// add their part here as they arrive.
package demo

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/auth"
	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/organisation"
	"github.com/innomunich/platform/pkg/person"
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
		return nil
	})
	return out, err
}
