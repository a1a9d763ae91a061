package gen

// The vocabulary synthetic records are made of. Every name it makes is
// fictional; real organisations appear only in the demo data set.

// word is a piece of a Japanese name in kanji or katakana with its
// reading and its Latin form.
type word struct{ local, kana, latin string }

var (
	deFamily = []string{"Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
		"Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann",
		"Hartmann", "Lange", "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Huber", "Mayer", "Herrmann", "König", "Walter",
		"Maier", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Keller", "Vogel", "Friedrich",
		"Günther", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig",
		"Böhm", "Winter", "Kraus", "Martin", "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel",
		"Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Dietrich", "Ziegler", "Kuhn", "Pohl", "Engel", "Horn", "Bergmann"}
	deGiven = []string{"Anna", "Maria", "Julia", "Laura", "Lena", "Sarah", "Katharina", "Sophie", "Lea", "Hannah", "Johanna",
		"Christina", "Franziska", "Susanne", "Sabine", "Claudia", "Petra", "Monika", "Andrea", "Stefanie", "Lukas", "Jonas",
		"Maximilian", "Felix", "Leon", "Paul", "Tobias", "Florian", "Alexander", "Michael", "Thomas", "Andreas", "Stefan",
		"Christian", "Markus", "Martin", "Matthias", "Johannes", "Sebastian", "Daniel", "Wolfgang", "Klaus", "Jürgen", "Peter"}
	jaFamily = []word{{"佐藤", "サトウ", "Sato"}, {"鈴木", "スズキ", "Suzuki"}, {"高橋", "タカハシ", "Takahashi"}, {"田中", "タナカ", "Tanaka"},
		{"伊藤", "イトウ", "Ito"}, {"渡辺", "ワタナベ", "Watanabe"}, {"山本", "ヤマモト", "Yamamoto"}, {"中村", "ナカムラ", "Nakamura"},
		{"小林", "コバヤシ", "Kobayashi"}, {"加藤", "カトウ", "Kato"}, {"吉田", "ヨシダ", "Yoshida"}, {"山田", "ヤマダ", "Yamada"},
		{"佐々木", "ササキ", "Sasaki"}, {"山口", "ヤマグチ", "Yamaguchi"}, {"松本", "マツモト", "Matsumoto"}, {"井上", "イノウエ", "Inoue"},
		{"木村", "キムラ", "Kimura"}, {"林", "ハヤシ", "Hayashi"}, {"斎藤", "サイトウ", "Saito"}, {"清水", "シミズ", "Shimizu"},
		{"山崎", "ヤマザキ", "Yamazaki"}, {"森", "モリ", "Mori"}, {"池田", "イケダ", "Ikeda"}, {"橋本", "ハシモト", "Hashimoto"},
		{"阿部", "アベ", "Abe"}, {"石川", "イシカワ", "Ishikawa"}, {"山下", "ヤマシタ", "Yamashita"}, {"中島", "ナカジマ", "Nakajima"},
		{"石井", "イシイ", "Ishii"}, {"小川", "オガワ", "Ogawa"}, {"前田", "マエダ", "Maeda"}, {"岡田", "オカダ", "Okada"},
		{"長谷川", "ハセガワ", "Hasegawa"}, {"藤田", "フジタ", "Fujita"}, {"後藤", "ゴトウ", "Goto"}, {"近藤", "コンドウ", "Kondo"},
		{"村上", "ムラカミ", "Murakami"}, {"遠藤", "エンドウ", "Endo"}, {"青木", "アオキ", "Aoki"}, {"坂本", "サカモト", "Sakamoto"}}
	jaGiven = []word{{"太郎", "タロウ", "Taro"}, {"花子", "ハナコ", "Hanako"}, {"翔太", "ショウタ", "Shota"}, {"陽菜", "ヒナ", "Hina"},
		{"健太", "ケンタ", "Kenta"}, {"美咲", "ミサキ", "Misaki"}, {"大輔", "ダイスケ", "Daisuke"}, {"由美", "ユミ", "Yumi"},
		{"拓也", "タクヤ", "Takuya"}, {"恵子", "ケイコ", "Keiko"}, {"直樹", "ナオキ", "Naoki"}, {"裕子", "ユウコ", "Yuko"},
		{"浩", "ヒロシ", "Hiroshi"}, {"明美", "アケミ", "Akemi"}, {"誠", "マコト", "Makoto"}, {"真由美", "マユミ", "Mayumi"},
		{"学", "マナブ", "Manabu"}, {"智子", "トモコ", "Tomoko"}, {"亮", "リョウ", "Ryo"}, {"彩", "アヤ", "Aya"},
		{"修", "オサム", "Osamu"}, {"久美子", "クミコ", "Kumiko"}, {"聡", "サトシ", "Satoshi"}, {"さくら", "サクラ", "Sakura"},
		{"和也", "カズヤ", "Kazuya"}, {"愛", "アイ", "Ai"}, {"隆", "タカシ", "Takashi"}, {"結衣", "ユイ", "Yui"}}
	// jaPlace are the places Japanese organisations are named after, with
	// the region code where the platform has one.
	jaPlace = []struct {
		word
		region string
		weight int
	}{
		{word{"大阪", "オオサカ", "Osaka"}, "osaka", 22}, {word{"川崎", "カワサキ", "Kawasaki"}, "kawasaki", 12},
		{word{"東京", "トウキョウ", "Tokyo"}, "", 20}, {word{"京都", "キョウト", "Kyoto"}, "", 8}, {word{"神戸", "コウベ", "Kobe"}, "", 7},
		{word{"横浜", "ヨコハマ", "Yokohama"}, "", 6}, {word{"筑波", "ツクバ", "Tsukuba"}, "", 5}, {word{"名古屋", "ナゴヤ", "Nagoya"}, "", 4},
		{word{"仙台", "センダイ", "Sendai"}, "", 3}, {word{"福岡", "フクオカ", "Fukuoka"}, "", 3}, {word{"札幌", "サッポロ", "Sapporo"}, "", 3},
		{word{"千葉", "チバ", "Chiba"}, "", 3}, {word{"彩都", "サイト", "Saito"}, "osaka", 2}, {word{"殿町", "トノマチ", "Tonomachi"}, "kawasaki", 2},
	}
	jaStem = []word{{"創薬", "ソウヤク", "Drug Discovery"}, {"製薬", "セイヤク", "Pharmaceutical"}, {"バイオ", "バイオ", "Bio"},
		{"医薬", "イヤク", "Medicine"}, {"生命科学", "セイメイカガク", "Life Science"}, {"細胞治療", "サイボウチリョウ", "Cell Therapy"},
		{"遺伝子", "イデンシ", "Gene"}, {"免疫", "メンエキ", "Immuno"}, {"医療機器", "イリョウキキ", "Medical Devices"},
		{"再生医療", "サイセイイリョウ", "Regenerative Medicine"}, {"ゲノム", "ゲノム", "Genome"}, {"抗体", "コウタイ", "Antibody"},
		{"診断", "シンダン", "Diagnostics"}, {"化学", "カガク", "Chemical"}, {"ファーマ", "ファーマ", "Pharma"}, {"メディカル", "メディカル", "Medical"}}
	jaSuffix = []struct{ local, kana, latin string }{{"株式会社", "", "K.K."}, {"株式会社", "", "Co., Ltd."}, {"研究所", "ケンキュウショ", "Research Institute"},
		{"合同会社", "", "G.K."}}

	dePlace = []struct {
		name, city string
		bavaria    bool
	}{{"Isar", "München", true}, {"Martinsried", "Planegg", true}, {"Würm", "Gauting", true}, {"Alpen", "Rosenheim", true},
		{"Donau", "Regensburg", true}, {"Franken", "Erlangen", true}, {"Main", "Würzburg", true}, {"Lech", "Augsburg", true},
		{"Ammer", "Weilheim", true}, {"Inn", "Passau", true}, {"Starnberg", "Starnberg", true}, {"Nymphenburg", "München", true},
		{"Rhein", "Mainz", false}, {"Neckar", "Heidelberg", false}, {"Spree", "Berlin", false}, {"Elbe", "Hamburg", false},
		{"Saale", "Halle", false}, {"Weser", "Bremen", false}, {"Ruhr", "Essen", false}, {"Mosel", "Trier", false}}
	deStem = []string{"Bio", "Gen", "Cell", "Thera", "Pharm", "Med", "Immun", "Onko", "Vir", "Mol", "Prote", "Neuro", "Cardio",
		"Derm", "Vacc", "Nano", "Synth", "Lumi", "Vita", "Cura"}
	deTail = []string{"Therapeutics", "Biotech", "Pharma", "Diagnostics", "Biosciences", "Medical", "Labs", "Biologics", "Solutions",
		"Analytics", "Genomics", "Immunotherapies", "Vaccines", "Devices", "Technologies"}
	deLegal = []string{"GmbH", "GmbH", "GmbH", "AG", "SE", "GmbH & Co. KG", "UG (haftungsbeschränkt)"}

	others = []struct{ country, city, legal string }{{"US", "Boston", "Inc."}, {"US", "San Diego", "Inc."}, {"CH", "Basel", "AG"},
		{"AT", "Wien", "GmbH"}, {"FR", "Lyon", "SAS"}, {"GB", "Cambridge", "Ltd"}, {"NL", "Leiden", "B.V."}, {"KR", "Seoul", "Co., Ltd."},
		{"SE", "Stockholm", "AB"}, {"DK", "København", "A/S"}}

	positions = []string{"CEO", "CSO", "CTO", "CFO", "Head of Business Development", "Director, Business Development", "Principal Investigator",
		"Group Leader", "Professor", "Project Manager", "Head of Research", "Alliance Manager", "Licensing Manager", "Senior Scientist"}
	positionsJa = []string{"代表取締役", "研究部長", "事業開発部長", "主任研究員", "教授", "プロジェクトマネージャー"}

	descEn = []string{"develops %s for patients with few options", "is a partner for %s from discovery to the clinic",
		"researches %s with academic partners in Germany and Japan", "offers services in %s"}
	descDe = []string{"entwickelt %s für Patienten mit wenigen Optionen", "ist Partner für %s von der Forschung bis zur Klinik",
		"erforscht %s mit akademischen Partnern in Deutschland und Japan", "bietet Dienstleistungen im Bereich %s"}
	descJa     = []string{"%sの研究開発を行う", "%sの分野で日独の共同研究を進める", "%sに関するサービスを提供する"}
	focusWords = map[string][3]string{ // en, de, ja
		"personalised_medicine": {"personalised medicine", "personalisierte Medizin", "個別化医療"},
		"immunomodulation":      {"immunomodulation", "Immunmodulation", "免疫調節"},
		"viral_oncology":        {"therapies for virally induced cancers", "Therapien gegen viral induzierte Krebserkrankungen", "ウイルス誘発性がん"},
		"cell_gene_therapy":     {"cell and gene therapies", "Zell- und Gentherapien", "細胞・遺伝子治療"},
		"small_molecules":       {"innovative small-molecule drugs", "innovative niedermolekulare Wirkstoffe", "低分子医薬品"},
	}
	focusAreas = []string{"personalised_medicine", "immunomodulation", "viral_oncology", "cell_gene_therapy", "small_molecules"}
)
