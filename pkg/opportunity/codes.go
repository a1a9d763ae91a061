package opportunity

import (
	"slices"

	"github.com/innomunich/platform/pkg/i18n"
)

// Code is one stable value of a field, with its name in three languages.
// The codes are part of the API (stored in records, sent by clients);
// their names are for display.
type Code struct {
	Code string
	Name i18n.Text
}

// CodeList is the values one field may take, in display order.
type CodeList []Code

// Codes returns the codes alone.
func (l CodeList) Codes() []string {
	out := make([]string, len(l))
	for i, c := range l {
		out[i] = c.Code
	}
	return out
}

// Has reports whether code is one of the list.
func (l CodeList) Has(code string) bool {
	return slices.ContainsFunc(l, func(c Code) bool { return c.Code == code })
}

func c(code, de, en, ja string) Code { return Code{code, i18n.Text{De: de, En: en, Ja: ja}} }

// Kinds of opportunity.
const (
	TechnologyOffer     = "technology_offer"
	TechnologyRequest   = "technology_request"
	BusinessOffer       = "business_offer"
	BusinessRequest     = "business_request"
	ResearchCooperation = "research_cooperation"
)

// Statuses of an opportunity.
const (
	Draft     = "draft"
	Published = "published"
	Closed    = "closed"
)

var (
	Kinds = CodeList{
		c(TechnologyOffer, "Technologieangebot", "Technology offer", "技術提供"),
		c(TechnologyRequest, "Technologiegesuch", "Technology request", "技術募集"),
		c(BusinessOffer, "Geschäftsangebot", "Business offer", "ビジネス提供"),
		c(BusinessRequest, "Geschäftsgesuch", "Business request", "ビジネス募集"),
		c(ResearchCooperation, "Forschungskooperation", "Research cooperation", "共同研究"),
	}
	Modalities = CodeList{
		c("small_molecule", "Niedermolekularer Wirkstoff", "Small molecule", "低分子医薬"),
		c("antibody", "Antikörper", "Antibody", "抗体"),
		c("protein_biologic", "Protein-Biologikum", "Protein biologic", "タンパク質製剤"),
		c("cell_therapy", "Zelltherapie", "Cell therapy", "細胞治療"),
		c("gene_therapy", "Gentherapie", "Gene therapy", "遺伝子治療"),
		c("nucleic_acid", "Nukleinsäure", "Nucleic acid", "核酸医薬"),
		c("vaccine", "Impfstoff", "Vaccine", "ワクチン"),
		c("diagnostic", "Diagnostikum", "Diagnostic", "診断薬"),
		c("medical_device", "Medizinprodukt", "Medical device", "医療機器"),
		c("digital_health", "Digitale Gesundheit", "Digital health", "デジタルヘルス"),
		c("platform_technology", "Plattformtechnologie", "Platform technology", "プラットフォーム技術"),
		c("service", "Dienstleistung", "Service", "サービス"),
	}
	// Stages in the order of development; matching calls neighbours
	// compatible (see stageCompatible).
	Stages = CodeList{
		c("discovery", "Forschung", "Discovery", "探索研究"),
		c("preclinical", "Präklinik", "Preclinical", "前臨床"),
		c("clinical_phase_1", "Klinische Phase I", "Clinical phase 1", "臨床第I相"),
		c("clinical_phase_2", "Klinische Phase II", "Clinical phase 2", "臨床第II相"),
		c("clinical_phase_3", "Klinische Phase III", "Clinical phase 3", "臨床第III相"),
		c("approved", "Zugelassen", "Approved", "承認済み"),
		c("not_applicable", "Nicht zutreffend", "Not applicable", "該当なし"),
	}
	CooperationTypes = CodeList{
		c("licensing", "Lizenzierung", "Licensing", "ライセンス"),
		c("co_development", "Gemeinsame Entwicklung", "Co-development", "共同開発"),
		c("research_collaboration", "Forschungszusammenarbeit", "Research collaboration", "共同研究"),
		c("joint_venture", "Joint Venture", "Joint venture", "合弁事業"),
		c("distribution", "Vertrieb", "Distribution", "販売提携"),
		c("manufacturing", "Herstellung", "Manufacturing", "製造受託"),
		c("investment", "Investition", "Investment", "投資"),
		c("service", "Dienstleistung", "Service", "サービス"),
		c("other", "Sonstiges", "Other", "その他"),
	}
	IPStatuses = CodeList{
		c("granted", "Erteilt", "Granted", "登録済み"),
		c("pending", "Angemeldet", "Pending", "出願中"),
		c("none", "Keine Schutzrechte", "None", "なし"),
		c("not_applicable", "Nicht zutreffend", "Not applicable", "該当なし"),
	}
	Statuses = CodeList{
		c(Draft, "Entwurf", "Draft", "下書き"),
		c(Published, "Veröffentlicht", "Published", "公開中"),
		c(Closed, "Geschlossen", "Closed", "終了"),
	}
	ClosedReasons = CodeList{
		c("partner_found", "Partner gefunden", "Partner found", "パートナー決定"),
		c("withdrawn", "Zurückgezogen", "Withdrawn", "取り下げ"),
		c("expired", "Abgelaufen", "Expired", "期限切れ"),
		c("other", "Sonstiges", "Other", "その他"),
	}
)

// The codes alone, for query parameters checked against them.
var (
	KindCodes            = Kinds.Codes()
	ModalityCodes        = Modalities.Codes()
	StageCodes           = Stages.Codes()
	CooperationTypeCodes = CooperationTypes.Codes()
	StatusCodes          = Statuses.Codes()
)
