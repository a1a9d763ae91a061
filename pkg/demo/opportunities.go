package demo

import (
	"context"
	"time"

	"github.com/innomunich/platform/pkg/database"
	"github.com/innomunich/platform/pkg/i18n"
	"github.com/innomunich/platform/pkg/opportunity"
	"github.com/innomunich/platform/pkg/page"
	"github.com/innomunich/platform/pkg/person"
)

// demoOpportunity is an opportunity of the demo set, of a fictional
// organisation (never of the real partners), by the organisation's name.
type demoOpportunity struct {
	org     string
	contact bool // the organisation's first person is the contact
	o       opportunity.Opportunity
}

func text(en, de, ja string) i18n.Text { return i18n.Text{En: en, De: de, Ja: ja} }

// opportunities of the demo set: German offers and requests that Japanese
// ones answer and the other way round, so that the matches and the
// suggested partners show something. The comments name the pairs.
var opportunities = []demoOpportunity{
	// 1 ↔ 8: a CAR-T platform and a pharma company seeking one.
	{"Example Biotech GmbH", true, opportunity.Opportunity{Kind: opportunity.TechnologyOffer, Status: opportunity.Published,
		Title: text("Allogeneic CAR-T platform for solid tumours", "Allogene CAR-T-Plattform gegen solide Tumoren", "固形がん向け他家CAR-Tプラットフォーム"),
		Summary: text("Off-the-shelf CAR-T cells with a gene-edited safety switch; seeking a licensing or co-development partner in Japan.",
			"CAR-T-Zellen von der Stange mit geneditiertem Sicherheitsschalter; Lizenz- oder Entwicklungspartner in Japan gesucht.",
			"ゲノム編集による安全スイッチを備えた他家CAR-T細胞。日本でのライセンスまたは共同開発パートナーを募集。"),
		Details:    text("Fictional demo data: in-vivo efficacy in two xenograft models; GMP process transfer possible.", "Fiktive Demodaten.", "架空のデモデータ。"),
		FocusAreas: []string{"cell_gene_therapy"}, Modalities: []string{"cell_therapy", "gene_therapy"}, Stage: "preclinical",
		CooperationTypes: []string{"licensing", "co_development"}, TargetCountries: []string{"JP"}, IPStatus: "granted"}},
	// 2 ↔ 10: a research cooperation that the NK-cell platform answers.
	{"Example Biotech GmbH", true, opportunity.Opportunity{Kind: opportunity.ResearchCooperation, Status: opportunity.Published,
		Title: text("Persistence of engineered immune cells", "Persistenz veränderter Immunzellen", "改変免疫細胞の持続性に関する共同研究"),
		Summary: text("Joint study on why engineered T and NK cells persist in some patients and not in others.",
			"Gemeinsame Studie, warum veränderte T- und NK-Zellen bei manchen Patienten bestehen bleiben.",
			"改変T細胞・NK細胞が患者によって持続する理由を解明する共同研究。"),
		FocusAreas: []string{"cell_gene_therapy", "immunomodulation"}, Modalities: []string{"cell_therapy"}, Stage: "discovery",
		CooperationTypes: []string{"research_collaboration"}, TargetCountries: []string{"JP"}, IPStatus: "none"}},
	// 3 ↔ 9: an antiviral small molecule and a pharma company seeking one.
	{"Beispiel Therapeutics AG", true, opportunity.Opportunity{Kind: opportunity.TechnologyOffer, Status: opportunity.Published,
		Title: text("Oral small molecule against EBV-associated lymphoma", "Orales Small Molecule gegen EBV-assoziierte Lymphome", "EBV関連リンパ腫に対する経口低分子薬"),
		Summary: text("First-in-class inhibitor of a viral latency protein, ready for IND-enabling studies; licensing for Asia.",
			"First-in-Class-Hemmstoff eines viralen Latenzproteins, bereit für IND-vorbereitende Studien; Lizenz für Asien.",
			"ウイルス潜伏タンパク質のファーストインクラス阻害剤。IND申請準備段階。アジアでのライセンスを提案。"),
		Details:    text("Fictional demo data: composition-of-matter patent filed 2025.", "Fiktive Demodaten.", "架空のデモデータ。"),
		FocusAreas: []string{"small_molecules", "viral_oncology"}, Modalities: []string{"small_molecule"}, Stage: "preclinical",
		CooperationTypes: []string{"licensing", "co_development"}, TargetCountries: []string{"JP"}, IPStatus: "pending"}},
	// 4: a request for a distributor.
	{"Beispiel Therapeutics AG", false, opportunity.Opportunity{Kind: opportunity.BusinessRequest, Status: opportunity.Published,
		Title: text("Distribution partner for a viral-load assay", "Vertriebspartner für einen Viruslast-Test", "ウイルス量測定キットの販売パートナー募集"),
		Summary: text("CE-marked assay for EBV and HPV load; seeking a distributor with access to Japanese hospitals.",
			"CE-gekennzeichneter Test für EBV- und HPV-Viruslast; Vertriebspartner mit Zugang zu japanischen Kliniken gesucht.",
			"EBV・HPVのウイルス量を測定するCEマーク取得済みキット。日本の病院に販路を持つ販売代理店を募集。"),
		FocusAreas: []string{"viral_oncology"}, Modalities: []string{"diagnostic"}, Stage: "approved",
		CooperationTypes: []string{"distribution"}, TargetCountries: []string{"JP"}, IPStatus: "granted"}},
	// 5: a service offer.
	{"Beispiel Therapeutics AG", false, opportunity.Opportunity{Kind: opportunity.BusinessOffer, Status: opportunity.Published,
		Title: text("Humanised mouse models for virally induced cancers", "Humanisierte Mausmodelle für viral induzierte Krebserkrankungen", "ウイルス誘発性がんのヒト化マウスモデル"),
		Summary: text("In-vivo pharmacology as a service for partners developing antivirals or immunotherapies.",
			"In-vivo-Pharmakologie als Dienstleistung für Partner, die antivirale Wirkstoffe oder Immuntherapien entwickeln.",
			"抗ウイルス薬や免疫療法を開発するパートナー向けの受託in vivo薬理試験。"),
		FocusAreas: []string{"viral_oncology", "immunomodulation"}, Modalities: []string{"service"}, Stage: "not_applicable",
		CooperationTypes: []string{"service"}, IPStatus: "not_applicable"}},
	// 6 ↔ 11: a request for vector manufacturing, and an offer of it.
	{"Example Biotech GmbH", false, opportunity.Opportunity{Kind: opportunity.TechnologyRequest, Status: opportunity.Published,
		Title: text("GMP manufacturing of lentiviral vectors", "GMP-Herstellung lentiviraler Vektoren", "レンチウイルスベクターのGMP製造"),
		Summary: text("Seeking a manufacturing partner for clinical-grade lentiviral vectors for a first-in-human study.",
			"Herstellungspartner für lentivirale Vektoren in klinischer Qualität für eine First-in-Human-Studie gesucht.",
			"ファースト・イン・ヒューマン試験用の臨床グレード・レンチウイルスベクターの製造パートナーを募集。"),
		FocusAreas: []string{"cell_gene_therapy"}, Modalities: []string{"gene_therapy"}, Stage: "clinical_phase_1",
		CooperationTypes: []string{"manufacturing", "service"}, TargetCountries: []string{"JP"}, IPStatus: "not_applicable"}},
	// 7: a draft, seen only by its organisation and coordinators; Japanese still missing.
	{"Beispiel Therapeutics AG", false, opportunity.Opportunity{Kind: opportunity.ResearchCooperation, Status: opportunity.Draft,
		Title:      i18n.Text{En: "Fragment screening against viral latency proteins", De: "Fragment-Screening gegen virale Latenzproteine"},
		Summary:    i18n.Text{En: "Draft: a joint screening campaign with an academic group.", De: "Entwurf: gemeinsame Screening-Kampagne mit einer akademischen Gruppe."},
		FocusAreas: []string{"small_molecules", "viral_oncology"}, Modalities: []string{"small_molecule"}, Stage: "discovery",
		CooperationTypes: []string{"research_collaboration"}, IPStatus: "none"}},
	// 8 ↔ 1.
	{"Sample Pharma K.K.", true, opportunity.Opportunity{Kind: opportunity.TechnologyRequest, Status: opportunity.Published,
		Title: text("In-licensing of cell therapies for solid tumours", "Einlizenzierung von Zelltherapien gegen solide Tumoren", "固形がん向け細胞治療の導入"),
		Summary: text("Seeking preclinical or early clinical CAR-T or engineered-cell programmes for licensing in Japan.",
			"Gesucht: präklinische oder frühe klinische CAR-T-Programme zur Lizenzierung für Japan.",
			"日本での導入に向け、前臨床または初期臨床段階のCAR-Tなど改変細胞プログラムを探しています。"),
		Details:    text("Fictional demo data: budget for upfront payment and co-development available.", "Fiktive Demodaten.", "架空のデモデータ。"),
		FocusAreas: []string{"cell_gene_therapy", "immunomodulation"}, Modalities: []string{"cell_therapy", "antibody"}, Stage: "preclinical",
		CooperationTypes: []string{"licensing", "co_development"}, TargetCountries: []string{"DE"}, IPStatus: "not_applicable"}},
	// 9 ↔ 3.
	{"Sample Pharma K.K.", true, opportunity.Opportunity{Kind: opportunity.TechnologyRequest, Status: opportunity.Published,
		Title: text("Small molecules against oncogenic viruses", "Small Molecules gegen onkogene Viren", "がんウイルスに対する低分子医薬"),
		Summary: text("Licensing of preclinical small-molecule programmes against EBV or HPV driven cancers.",
			"Lizenzierung präklinischer Small-Molecule-Programme gegen EBV- oder HPV-bedingte Krebserkrankungen.",
			"EBVやHPVに起因するがんを対象とした前臨床低分子プログラムのライセンス導入。"),
		FocusAreas: []string{"viral_oncology", "small_molecules"}, Modalities: []string{"small_molecule"}, Stage: "clinical_phase_1",
		CooperationTypes: []string{"licensing"}, TargetCountries: []string{"DE"}, IPStatus: "not_applicable"}},
	// 10 ↔ 2.
	{"Example Cell Therapy Kawasaki K.K.", true, opportunity.Opportunity{Kind: opportunity.TechnologyOffer, Status: opportunity.Published,
		Title: text("iPS-derived NK cell platform", "NK-Zell-Plattform aus iPS-Zellen", "iPS細胞由来NK細胞プラットフォーム"),
		Summary: text("Engineered natural killer cells from induced pluripotent stem cells; partners for research and co-development in Germany.",
			"Veränderte natürliche Killerzellen aus induzierten pluripotenten Stammzellen; Partner für Forschung und Entwicklung in Deutschland.",
			"iPS細胞から作製した改変NK細胞。ドイツでの共同研究・共同開発パートナーを募集。"),
		FocusAreas: []string{"cell_gene_therapy", "immunomodulation"}, Modalities: []string{"cell_therapy"}, Stage: "preclinical",
		CooperationTypes: []string{"research_collaboration", "co_development"}, TargetCountries: []string{"DE"}, IPStatus: "granted"}},
	// 11 ↔ 6.
	{"Example Cell Therapy Kawasaki K.K.", false, opportunity.Opportunity{Kind: opportunity.BusinessOffer, Status: opportunity.Published,
		Title: text("Contract manufacturing of viral vectors in Kawasaki", "Auftragsherstellung viraler Vektoren in Kawasaki", "川崎でのウイルスベクター受託製造"),
		Summary: text("GMP capacity for lentiviral and AAV vectors for clinical studies; German-speaking project management.",
			"GMP-Kapazität für lentivirale und AAV-Vektoren für klinische Studien; deutschsprachiges Projektmanagement.",
			"臨床試験用レンチウイルス・AAVベクターのGMP製造。ドイツ語対応のプロジェクト管理。"),
		FocusAreas: []string{"cell_gene_therapy"}, Modalities: []string{"gene_therapy", "service"}, Stage: "clinical_phase_1",
		CooperationTypes: []string{"manufacturing", "service"}, TargetCountries: []string{"DE"}, IPStatus: "not_applicable"}},
	// 12: a research cooperation open to any country.
	{"Sample Pharma K.K.", false, opportunity.Opportunity{Kind: opportunity.ResearchCooperation, Status: opportunity.Published,
		Title: text("Biomarkers for personalised immunotherapy", "Biomarker für personalisierte Immuntherapie", "個別化免疫療法のためのバイオマーカー"),
		Summary: text("Academic or SME partners to validate response biomarkers for immune checkpoint therapy.",
			"Akademische Partner oder KMU zur Validierung von Response-Biomarkern für die Checkpoint-Therapie.",
			"免疫チェックポイント療法の効果予測バイオマーカーを検証する大学・中小企業パートナーを募集。"),
		FocusAreas: []string{"personalised_medicine", "immunomodulation"}, Modalities: []string{"diagnostic"}, Stage: "discovery",
		CooperationTypes: []string{"research_collaboration"}, IPStatus: "none"}},
	// 13: closed, a partner was found.
	{"Example Cell Therapy Kawasaki K.K.", false, opportunity.Opportunity{Kind: opportunity.BusinessRequest, Status: opportunity.Closed, ClosedReason: ptr("partner_found"),
		Title:      text("Seed investors for an NK cell start-up", "Seed-Investoren für ein NK-Zell-Start-up", "NK細胞スタートアップへのシード投資家募集"),
		Summary:    text("Seed round closed in 2026 (demo data).", "Seed-Runde 2026 abgeschlossen (Demodaten).", "2026年にシードラウンド完了（デモデータ）。"),
		FocusAreas: []string{"cell_gene_therapy"}, Modalities: []string{"cell_therapy"}, Stage: "preclinical",
		CooperationTypes: []string{"investment"}, IPStatus: "granted"}},
	// 14: expired, listed only on request.
	{"Sample Pharma K.K.", false, opportunity.Opportunity{Kind: opportunity.TechnologyRequest, Status: opportunity.Published, ValidUntil: "2026-03-31",
		Title: text("Companion diagnostic partner", "Partner für eine Begleitdiagnostik", "コンパニオン診断薬のパートナー"),
		Summary: text("Sought in 2025 for an immunomodulator in phase 2 (expired).", "2025 für einen Immunmodulator in Phase II gesucht (abgelaufen).",
			"第II相の免疫調節薬向けに2025年に募集（期限切れ）。"),
		FocusAreas: []string{"immunomodulation", "personalised_medicine"}, Modalities: []string{"diagnostic"}, Stage: "clinical_phase_2",
		CooperationTypes: []string{"co_development"}, TargetCountries: []string{"DE"}, IPStatus: "not_applicable"}},
}

// seedOpportunities adds the demo opportunities, the first person of the
// organisation as contact where said.
func seedOpportunities(ctx context.Context, db *database.DB, ids map[string]string) (int, error) {
	first := func(org string) (*string, error) {
		p, err := person.Sort.Parse(page.Params{Limit: "1", Sort: "created_at"})
		if err != nil {
			return nil, err
		}
		list, _, err := person.List(ctx, db, person.Filter{OrganisationID: org}, p)
		if err != nil || len(list) == 0 {
			return nil, err
		}
		return &list[0].ID, nil
	}
	for _, x := range opportunities {
		o := x.o
		o.OrganisationID = ids[x.org]
		if x.contact {
			c, err := first(o.OrganisationID)
			if err != nil {
				return 0, err
			}
			o.ContactPersonID = c
		}
		if o.ValidUntil == "" {
			o.ValidUntil = time.Now().AddDate(1, 0, 0).Format(time.DateOnly)
		}
		if _, err := opportunity.Create(ctx, db, o); err != nil {
			return 0, err
		}
	}
	return len(opportunities), nil
}
